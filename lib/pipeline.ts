// One pass from a document to what Backstory highlights: article detection → text map → matching.
// The content script and `npm run annotate` both call this, so they agree by construction.
import { detectArticle, type ArticleResult } from './article';
import { buildTextMap, BLOCK_SEPARATOR, type TextMap } from './text';
import type { Matcher, PageContext, TextMatch } from './match';
import { shiftReading } from './figures';
import { readPageContext } from './page-context';

export interface Annotated {
  article: ArticleResult;
  /** The page's language and date (lib/page-context.ts), as the figures were read with. */
  page: PageContext;
  map: TextMap;
  matches: TextMatch[];
}

export interface AnnotatedNodes {
  map: TextMap;
  matches: TextMatch[];
}

/** Matches in a given list of text nodes (document order): the whole article, or content a living page added. */
export function annotateNodes(nodes: Text[], matcher: Matcher, page: PageContext = {}): AnnotatedNodes {
  const map = buildTextMap(nodes);
  return { map, matches: matcher.match(map.text, page) };
}

export function annotateDocument(doc: Document, matcher: Matcher): Annotated {
  const article = detectArticle(doc);
  const page = readPageContext(doc);
  return { article, page, ...annotateNodes(article.nodes, matcher, page) };
}

/**
 * Spans of `text` of about `size` characters, cut only at block separators (between paragraphs), so a long
 * article can be matched a slice at a time with the main thread given back in between. Below `size`, one
 * span: the matcher sees the whole article, as `annotateDocument` does.
 */
export function blockSpans(text: string, size: number): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  while (text.length - start > size) {
    const cut = text.indexOf(BLOCK_SEPARATOR, start + size);
    if (cut < 0) break;
    spans.push([start, cut]);
    start = cut + BLOCK_SEPARATOR.length;
  }
  spans.push([start, text.length]);
  return spans;
}

/** Matches in one span of a map's text, with offsets into the whole text. */
export function matchSpan(map: TextMap, matcher: Matcher, [start, end]: [number, number], page: PageContext = {}): TextMatch[] {
  const found = matcher.match(map.text.slice(start, end), page);
  if (start === 0) return found;
  return found.map((m) => ({
    ...m,
    start: m.start + start,
    end: m.end + start,
    ...(m.figure ? { figure: { ...m.figure, reading: shiftReading(m.figure.reading, start) } } : {}),
  }));
}
