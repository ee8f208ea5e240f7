// Article-body detection on the live DOM: which text nodes of the page are the article (headline,
// standfirst, body) and which are the page around it (menus, related links, comments, footers...).
// Runs unchanged in the content script and under jsdom in Node: it reads the live page and never
// changes it (Readability works on a clone).
//
// Readability is passed in rather than imported: it is a third of the detector's code and most news pages never
// need it (their markup settles the article), so the content script loads it only for a page that does
// (lib/page/model.ts). lib/article/index.ts gives everyone else detectArticle with Readability built in.
import type { ReadabilityFound } from './readability';
import { collectLive, mergeInOrder } from './filter';
import { commonAncestor, pruneBoilerplateSteps } from './prune';
import { findHeadline, findStandfirst, headlineNodes, titleCandidates, titleRepeats } from './headline';
import { findContainerSteps, textNodesUnder } from './fast-path';
import { blockOf } from './text';
import { PageGalleries, withoutGalleries } from './gallery';
import { withinHeadlineArticle } from './items';
import { trimBoilerplateTail } from './tail';
import { runToEnd, type Steps } from './steps';

export interface ArticleResult {
  /** The article's text nodes in document order: headline, standfirst and body. */
  nodes: Text[];
  /**
   * How it was found, for debugging and eval: "itemprop", "article-element", either with "+json-ld"
   * when JSON-LD articleBody confirmed it, "paragraph-cluster" (fast paths); "readability+prune" or
   * "readability"; "body" when the page has no article (every readable text node).
   */
  method: string;
  /** The article's title as the page states it (metadata or <title>), when known. */
  title: string | null;
  /** The nodes of `nodes` that are the headline (and repeats of it), so callers can tell them from the body. */
  headline: Text[];
  /** The nodes of `nodes` that are the standfirst (the summary under the headline), if marked as such. */
  standfirst: Text[];
}

export interface DetectOptions {
  /**
   * Try the publisher's own markup (itemprop=articleBody, a dominant <article>, confirmed by JSON-LD
   * articleBody when present) before Readability. On by default; off to compare the two paths.
   */
  fastPath?: boolean;
}

/** Readability on the page without `leaveOut`, in steps (lib/article/readability.ts readabilitySteps). */
export type RunReadability = (doc: Document, leaveOut: ReadonlySet<Element>) => Steps<ReadabilityFound | null>;

/**
 * The article of `doc`: the publisher's markup when it settles it, else Readability's answer through `readability`.
 * Null when the markup does not settle it and `readability` is null (not loaded yet): the caller loads it and asks
 * again.
 */
export function detectArticleWith(doc: Document, readability: RunReadability | null, options: DetectOptions = {}): ArticleResult | null {
  return runToEnd(detectArticleSteps(doc, readability, options));
}

/**
 * detectArticleWith in steps (lib/article/steps.ts): the same detection, with a place to pause between its passes
 * over the page, so that on a long page no pass has to share a task with the next. The page must not change while
 * the steps run (the caller detects again when it has).
 */
export function* detectArticleSteps(doc: Document, readability: RunReadability | null, options: DetectOptions = {}): Steps<ArticleResult | null> {
  // The site's other stories (galleries of briefs): no path may take them for the story.
  const galleries = new PageGalleries(doc);
  if (options.fastPath !== false) {
    try {
      const container = yield* findContainerSteps(doc, galleries);
      if (container) {
        yield;
        const body = yield* refine(container.nodes, galleries);
        if (body.length) return yield* finish(doc, body, container.method, null);
      }
    } catch {
      // A page built to break DOM code (nesting beyond the engine's limits): Readability may cope.
    }
  }
  if (!readability) return null;
  // The galleries of the whole page, then Readability: each in steps of its own (its grab of the article is one).
  const leaveOut = yield* galleries.all();
  yield;
  let found: ReadabilityFound | null = null;
  try {
    found = yield* readability(doc, leaveOut);
  } catch {
    found = null; // cloning can fail on the same pages; fall back to the page's text below
  }
  yield;
  if (!found || found.nodes.size === 0) {
    // Nothing article-like (an index page, an app): every readable text node, so that the user still
    // gets highlights rather than none.
    return { nodes: collectLive(doc, null), method: 'body', title: found?.title ?? null, headline: [], standfirst: [] };
  }
  const extracted = wholeBlocks(doc, collectLive(doc, found.nodes));
  yield;
  const pruned = yield* refine(extracted, galleries);
  yield;
  // Pruning is a refinement: if it would leave nothing, Readability's own result is the better answer.
  return pruned.length > 0
    ? yield* finish(doc, pruned, 'readability+prune', found.title)
    : yield* finish(doc, extracted, 'readability', found.title);
}

/**
 * Readability drops some words out of the middle of sentences (a link it takes for the byline, by its
 * class name), which would leave a sentence with a gap. A block it kept is kept whole: every readable
 * text node that flows in the same block.
 */
function wholeBlocks(doc: Document, nodes: readonly Text[]): Text[] {
  const blocks = new Set<Element>();
  for (const n of nodes) {
    const block = blockOf(n);
    if (block) blocks.add(block);
  }
  const missing: Text[] = [];
  const kept = new Set(nodes);
  const cache = new Map<Element, boolean>();
  for (const block of blocks) {
    for (const n of textNodesUnder(doc, [block], cache)) {
      if (!kept.has(n) && blockOf(n) === block) missing.push(n);
    }
  }
  return missing.length ? mergeInOrder(nodes, missing) : [...nodes];
}

/** The extractor's nodes less what is inside the story's container but not the story. */
function* refine(nodes: readonly Text[], galleries: PageGalleries): Steps<Text[]> {
  const root = commonAncestor(nodes);
  const story = withoutGalleries(nodes, yield* galleries.under(root));
  yield;
  return yield* pruneBoilerplateSteps(story, root);
}

/** Adds the headline (and repeats of it) and the standfirst to the body nodes. */
function* finish(doc: Document, body: Text[], method: string, title: string | null): Steps<ArticleResult> {
  const titles = titleCandidates(doc, title);
  let repeats = titleRepeats(body, titles);
  yield;
  const headlineEl = findHeadline(doc, titles, body.find((n) => !repeats.has(n)) ?? null);
  // Only now is it known which <article> is the story's (the headline's, or that of the opening heading
  // the extractor kept), and where the story ends.
  const anchor = headlineEl ?? body.find((n) => repeats.has(n))?.parentElement ?? null;
  const inArticle = withinHeadlineArticle(body, anchor);
  yield;
  const story = trimBoilerplateTail(inArticle);
  if (story.length && story.length < body.length) {
    body = story;
    repeats = new Set(body.filter((n) => repeats.has(n)));
  }
  yield;
  const standfirst = findStandfirst(doc, headlineEl, body.filter((n) => !repeats.has(n)));
  yield;
  // Each list is in document order already (repeats are a subset of body): merge rather than re-walk
  // the whole page.
  const headlineInOrder = mergeInOrder(headlineNodes(doc, headlineEl), body.filter((n) => repeats.has(n)));
  return {
    nodes: mergeInOrder(body, headlineInOrder, standfirst),
    standfirst,
    method,
    title: titles[0] ?? null,
    headline: headlineInOrder,
  };
}
