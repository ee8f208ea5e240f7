// What is never article text, whatever the extractor said: code, form controls, editable regions and
// elements whose content is not rendered text. (Not FORM: ASP.NET sites wrap the whole page in one form;
// Readability already drops forms inside the article that look like forms.)

const NEVER = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'CODE',
  'PRE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'HEAD', 'TITLE',
]);

const SHOW_TEXT = 4;

/** True when a text node must never be treated as article text. */
export function isExcludedText(node: Text): boolean {
  if (!/\S/.test(node.data)) return true;
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (NEVER.has(el.tagName.toUpperCase())) return true;
    // Editable regions are the user's input, not the article; `contenteditable=false` is not editable.
    const editable = el.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return true;
    if (el.hasAttribute('hidden')) return true;
  }
  return false;
}

/**
 * Live text nodes in document order: those in `keep` (or every one when `keep` is null), minus the
 * excluded ones. Walking the live document once gives document order without sorting by
 * compareDocumentPosition.
 */
export function collectLive(doc: Document, keep: ReadonlySet<Text> | null): Text[] {
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  const out: Text[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (keep && !keep.has(text)) continue;
    if (!isExcludedText(text)) out.push(text);
  }
  return out;
}
