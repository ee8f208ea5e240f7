// Plain text of a list of text nodes, with a line break wherever two consecutive nodes sit in different
// block elements, so that words of adjacent paragraphs, list items or cells never glue together
// ("end.Next") while inline markup inside a paragraph ("<b>Ass</b>ad") does not split a word. A <br>
// inside a block is a line break too ("Norway<br>3. Australia").

const INLINE = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT',
  'I', 'INS', 'KBD', 'LABEL', 'MARK', 'NOBR', 'Q', 'RP', 'RT', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN',
  'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR',
]);

export function isInline(el: Element): boolean {
  return INLINE.has(el.tagName.toUpperCase());
}

/** The nearest ancestor that is not an inline element: the block a text node flows in. */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && INLINE.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

/** A <br> right before the node, or before an inline element that starts with it: a line break. */
function followsLineBreak(node: Node, block: Element | null): boolean {
  for (let n: Node | null = node; n && n !== block; n = n.parentNode) {
    let prev = n.previousSibling;
    // Skip comments and whitespace-only text between the <br> and the node.
    while (prev && (prev.nodeType === 8 || (prev.nodeType === 3 && !/\S/.test(prev.nodeValue ?? '')))) {
      prev = prev.previousSibling;
    }
    if (prev) return prev.nodeType === 1 && (prev as Element).tagName.toUpperCase() === 'BR';
  }
  return false;
}

export function articleText(nodes: readonly Text[]): string {
  let out = '';
  let previous: Element | null | undefined;
  for (const node of nodes) {
    const block = blockOf(node);
    if (previous !== undefined && (block !== previous || followsLineBreak(node, block))) out += '\n';
    out += node.data;
    previous = block;
  }
  return out;
}
