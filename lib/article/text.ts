// Plain text of a list of text nodes, with a line break wherever two consecutive nodes sit in different
// block elements, so that words of adjacent paragraphs, list items or cells never glue together
// ("end.Next") while inline markup inside a paragraph ("<b>Ass</b>ad") does not split a word.

const INLINE = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT',
  'I', 'INS', 'KBD', 'LABEL', 'MARK', 'NOBR', 'Q', 'RP', 'RT', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN',
  'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR',
]);

/** The nearest ancestor that is not an inline element: the block a text node flows in. */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && INLINE.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

export function articleText(nodes: readonly Text[]): string {
  let out = '';
  let previous: Element | null | undefined;
  for (const node of nodes) {
    const block = blockOf(node);
    if (previous !== undefined && block !== previous) out += '\n';
    out += node.data;
    previous = block;
  }
  return out;
}
