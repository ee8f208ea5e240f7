// The fast path: when the publisher marks the article body itself, take that container instead of
// running Readability (which clones and rewrites the whole page: tens of milliseconds on a news page,
// about a second on a 200,000-word one). Markup is only trusted when it is unambiguous or confirmed:
// - [itemprop=articleBody] (schema.org microdata) names the body and nothing else;
// - an <article> element holding most of the page's paragraph text;
// - JSON-LD NewsArticle/Article `articleBody`, when the page has it, must agree with the container's
//   words (a container that misses much of it, or holds far more, is not the body).
import { tokenize } from './metric';
import { isExcludedText } from './filter';
import { inGallery, PageGalleries } from './gallery';
import { MIN_STORY_CHARS, MIN_STORY_WORDS } from './size';
import { runToEnd, type Steps } from './steps';

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

/**
 * Visible, non-excluded text nodes under the given elements, in document order. A plain SHOW_TEXT walk
 * with the memoised exclusion test: a filter callback on every element costs far more on a long page.
 */
export function textNodesUnder(doc: Document, roots: readonly Element[], cache = new Map<Element, boolean>()): Text[] {
  const out: Text[] = [];
  for (const root of roots) {
    const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!isExcludedText(n as Text, cache)) out.push(n as Text);
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


function outermost(els: Element[]): Element[] {
  return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
}

/**
 * Paragraphs are where the prose of a page is. Those of a gallery of briefs (the site's other stories)
 * are prose too, but never this page's story: they are not counted.
 */
class Paragraphs {
  private readonly cache = new Map<Element, boolean>();
  constructor(private readonly galleries: ReadonlySet<Element>) {}

  /** The paragraphs under `root` that may be story text. */
  under(root: ParentNode): Element[] {
    const all = Array.from(root.querySelectorAll('p'));
    return this.galleries.size ? all.filter((p) => !inGallery(p, this.galleries, this.cache)) : all;
  }

  /** Characters of paragraph text under `root`. */
  chars(root: ParentNode): number {
    let chars = 0;
    for (const p of this.under(root)) chars += p.textContent?.length ?? 0;
    return chars;
  }

  /**
   * Paragraph text of an <article> that is its own: an <article> inside another is a separate item (a
   * comment, a related story's teaser), so a box of teasers, each an <article>, says little itself.
   */
  ownChars(article: Element): number {
    let chars = 0;
    for (const p of this.under(article)) if (p.closest('article') === article) chars += p.textContent?.length ?? 0;
    return chars;
  }
}

/**
 * Without semantic markup: the element whose paragraphs hold most of the page's paragraph text, which
 * is where Readability's scoring lands on simple pages (its score is mostly paragraph length). Only
 * used when that element is clear-cut: it must hold at least PARAGRAPH_SHARE of all paragraph text,
 * climbing a few levels when the story is split over sibling wrappers (ad slots between chunks).
 */
const PARAGRAPH_SHARE = 0.8;

function paragraphCluster(body: Element, paragraphs: Paragraphs): Element | null {
  const byParent = new Map<Element, number>();
  let total = 0;
  for (const p of paragraphs.under(body)) {
    const len = p.textContent?.length ?? 0;
    total += len;
    const parent = p.parentElement;
    if (parent) byParent.set(parent, (byParent.get(parent) ?? 0) + len);
  }
  if (total < MIN_STORY_CHARS) return null;
  let best: Element | null = null;
  let bestChars = 0;
  for (const [el, chars] of byParent) if (chars > bestChars) [best, bestChars] = [el, chars];
  for (let el = best, up = 0; el && el !== body && up < 3; el = el.parentElement, up++) {
    if (paragraphs.chars(el) >= PARAGRAPH_SHARE * total) return el;
  }
  return null;
}

/** The story's container as the publisher marks it, if clear; `galleries` are page parts known not to be it. */
export function findContainer(doc: Document, galleries: PageGalleries = new PageGalleries(doc)): Container | null {
  return runToEnd(findContainerSteps(doc, galleries));
}

/** findContainer in steps (lib/article/steps.ts): the candidates, then reading each candidate's text. */
export function* findContainerSteps(doc: Document, galleries: PageGalleries = new PageGalleries(doc)): Steps<Container | null> {
  // Markup names the story without help; only a guess from paragraph text needs the galleries set aside.
  const paragraphs = new Paragraphs(new Set());
  const candidates: { roots: Element[]; method: string }[] = [];
  const microdata = outermost(Array.from(doc.querySelectorAll('[itemprop~="articleBody"]')));
  if (microdata.length) candidates.push({ roots: microdata, method: 'itemprop' });
  const articles = Array.from(doc.querySelectorAll('article'));
  if (articles.length && doc.body) {
    // The <article> with the most paragraph text of its own, if it holds most of the page's: otherwise
    // the page is a list of teasers, or the story is outside any <article>.
    let best: Element | null = null;
    let bestChars = 0;
    for (const a of articles) {
      const c = paragraphs.ownChars(a);
      if (c > bestChars) [best, bestChars] = [a, c];
    }
    yield;
    if (best && bestChars >= MIN_STORY_CHARS && bestChars >= 0.6 * paragraphs.chars(doc.body)) {
      candidates.push({ roots: [best], method: 'article-element' });
    }
  }
  if (!candidates.length && doc.body) {
    yield;
    const leaveOut = yield* galleries.all();
    yield;
    const cluster = paragraphCluster(doc.body, new Paragraphs(leaveOut));
    if (cluster) candidates.push({ roots: [cluster], method: 'paragraph-cluster' });
  }
  if (!candidates.length) return null;
  yield;

  const ldBody = jsonLdArticleBody(doc);
  const ldBag = ldBody && tokenize(ldBody).length >= MIN_STORY_WORDS ? bag(ldBody) : null;
  for (const { roots, method } of candidates) {
    yield;
    const nodes = textNodesUnder(doc, roots);
    let chars = 0;
    for (const n of nodes) chars += n.data.length;
    if (chars < MIN_STORY_CHARS) continue;
    if (ldBag) {
      yield;
      const containerBag = bag(nodes.map((n) => n.data).join(' '));
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
