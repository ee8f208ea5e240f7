// PLACEHOLDER (owned by the article-detection work): every visible text node of <body>.
export interface ArticleResult {
  /** The article's text nodes in document order: headline, standfirst and body. */
  nodes: Text[];
  /** How it was found ("article-element", "json-ld", "readability", "body"...), for debugging and eval. */
  method: string;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'CODE', 'PRE']);

export function detectArticle(doc: Document): ArticleResult {
  const nodes: Text[] = [];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!SKIP.has(n.parentElement?.tagName ?? '') && (n as Text).data.trim()) nodes.push(n as Text);
  }
  return { nodes, method: 'body' };
}
