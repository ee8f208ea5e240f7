// The fast path: when the publisher marks the article body itself, take that container instead of
// running Readability (which clones and rewrites the whole page: tens of milliseconds on a news page,
// about a second on a 200,000-word one). Markup is only trusted when it is unambiguous or confirmed:
// - [itemprop=articleBody] (schema.org microdata) names the body and nothing else;
// - an <article> element holding most of the page's paragraph text;
// - JSON-LD NewsArticle/Article `articleBody`, when the page has it, must agree with the container's
//   words (a container that misses much of it, or holds far more, is not the body).
import { tokenize } from './metric';
import { isExcludedText } from './filter';

const ARTICLE_TYPE = /^(Article|NewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|BlogPosting|LiveBlogPosting|TechArticle|SatiricalArticle)$/;

function isArticleType(type: unknown): boolean {
  if (typeof type === 'string') return ARTICLE_TYPE.test(type.replace(/^https?:\/\/schema\.org\//, ''));
  return Array.isArray(type) && type.some(isArticleType);
}

/** `articleBody` of the page's JSON-LD article, if any (first one found, @graph and arrays included). */
export function jsonLdArticleBody(doc: Document): string | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue; // publishers ship malformed JSON-LD; it is a hint, not a requirement
    }
    const stack: unknown[] = [data];
    while (stack.length) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === 'object') {
        const obj = item as Record<string, unknown>;
        if (isArticleType(obj['@type']) && typeof obj.articleBody === 'string' && obj.articleBody.trim()) {
          return obj.articleBody;
        }
        if (obj['@graph']) stack.push(obj['@graph']);
        if (obj.mainEntity) stack.push(obj.mainEntity);
      }
    }
  }
  return null;
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = (el as HTMLElement).style;
  return !!style && (style.display === 'none' || style.visibility === 'hidden');
}

/** Visible, non-excluded text nodes under the given elements, in document order. */
export function textNodesUnder(doc: Document, roots: readonly Element[]): Text[] {
  const out: Text[] = [];
  for (const root of roots) {
    const walker = doc.createTreeWalker(root, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */, {
      acceptNode: (n) => (n.nodeType === 1 && isHidden(n as Element) ? 2 /* REJECT subtree */ : 1),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 3 && !isExcludedText(n as Text)) out.push(n as Text);
    }
  }
  return out;
}

function bag(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokenize(text.toLowerCase())) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Share of `a`'s words (with multiplicity) found in `b`. */
function covered(a: Map<string, number>, b: Map<string, number>): number {
  let hit = 0;
  let all = 0;
  for (const [word, n] of a) {
    all += n;
    hit += Math.min(n, b.get(word) ?? 0);
  }
  return all ? hit / all : 0;
}

export interface Container {
  roots: Element[];
  nodes: Text[];
  method: string;
}

const MIN_WORDS = 80;

function outermost(els: Element[]): Element[] {
  return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
}

function paragraphWords(root: ParentNode): number {
  let words = 0;
  for (const p of Array.from(root.querySelectorAll('p'))) words += tokenize(p.textContent ?? '').length;
  return words;
}

export function findContainer(doc: Document): Container | null {
  const candidates: { roots: Element[]; method: string }[] = [];
  const microdata = outermost(Array.from(doc.querySelectorAll('[itemprop~="articleBody"]')));
  if (microdata.length) candidates.push({ roots: microdata, method: 'itemprop' });
  const articles = outermost(Array.from(doc.querySelectorAll('article')));
  if (articles.length && doc.body) {
    // The <article> with the most paragraph text, if it holds most of the page's: otherwise the page
    // is a list of teasers, or the story is outside any <article>.
    let best: Element | null = null;
    let bestWords = 0;
    for (const a of articles) {
      const w = paragraphWords(a);
      if (w > bestWords) [best, bestWords] = [a, w];
    }
    if (best && bestWords >= MIN_WORDS && bestWords >= 0.6 * paragraphWords(doc.body)) {
      candidates.push({ roots: [best], method: 'article-element' });
    }
  }
  if (!candidates.length) return null;

  const ldBody = jsonLdArticleBody(doc);
  const ldBag = ldBody && tokenize(ldBody).length >= MIN_WORDS ? bag(ldBody) : null;
  for (const { roots, method } of candidates) {
    const nodes = textNodesUnder(doc, roots);
    const text = nodes.map((n) => n.data).join(' ');
    if (tokenize(text).length < MIN_WORDS) continue;
    if (ldBag) {
      const containerBag = bag(text);
      // Most of articleBody must be in the container, and the container must not be mostly other text.
      if (covered(ldBag, containerBag) >= 0.9 && covered(containerBag, ldBag) >= 0.5) {
        return { roots, nodes, method: `${method}+json-ld` };
      }
      continue;
    }
    return { roots, nodes, method };
  }
  return null;
}
