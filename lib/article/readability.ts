// @mozilla/readability on a clone of the page, mapped back to the live text nodes.
import { Readability } from '@mozilla/readability';
import { cloneWithTextMap } from './clone';
import { runToEnd, type Steps } from './steps';

export interface ReadabilityFound {
  /** Live text nodes inside Readability's article content. */
  nodes: Set<Text>;
  title: string | null;
}

// Readability's flags (private in its typings): strip unlikely candidates, weight classes, clean
// conditionally. Readability retries with fewer flags when an attempt yields under charThreshold
// characters, but it does so by resetting body.innerHTML, which recreates every node and would lose
// the clone→live pairing; so we run the attempts ourselves, each on a fresh clone.
const STRIP_UNLIKELYS = 0x1;
const WEIGHT_CLASSES = 0x2;
const CLEAN_CONDITIONALLY = 0x4;
const ATTEMPT_FLAGS = [
  STRIP_UNLIKELYS | WEIGHT_CLASSES | CLEAN_CONDITIONALLY,
  WEIGHT_CLASSES | CLEAN_CONDITIONALLY,
  CLEAN_CONDITIONALLY,
  0,
];
const CHAR_THRESHOLD = 500;

interface ReadabilityInternals {
  _flags: number;
  _metadata: unknown;
  _articleTitle: string | null | undefined;
  _disableJSONLD: boolean;
  [step: string]: unknown;
}

// Readability steps that only polish the HTML it returns (relative URLs, classes, nested divs, inline styles, lazy
// images): they never decide which text is the article, and we read nodes, not its HTML. Skipping them saves a good
// part of its time, and keeps the text of `javascript:` links, which _fixRelativeUris would replace with new text
// nodes that are not on the page.
const COSMETIC_STEPS = ['_postProcessContent', '_cleanStyles', '_fixLazyImages'];

// What Readability's parse() does before it grabs the article, in its order: parseInSteps calls them itself so that
// the article's grab (the one long call left) has a task of its own.
const BEFORE_GRAB = ['_unwrapNoscriptImages', '_getJSONLD', '_removeScripts', '_prepDocument', '_getArticleMetadata'];

/** Thrown where Readability would restore the page to try again with fewer flags (see `grab`). */
const RETRY = Symbol('retry');

interface Parsed {
  content: Element;
  title: string | null;
}

/**
 * Readability's parse(), as far as the article's nodes and title go, with a place to pause before the article's
 * grab. A version of the library without the steps named here is parsed in one call.
 */
function* parseInSteps(reader: Readability<Element>, clone: Document, faithful: boolean): Steps<Parsed | null> {
  const internals = reader as unknown as ReadabilityInternals;
  const call = (step: string, ...args: unknown[]) => (internals[step] as (...a: unknown[]) => unknown).apply(reader, args);
  if (![...BEFORE_GRAB, '_grabArticle'].every((step) => typeof internals[step] === 'function')) {
    // parse() in one call: with Readability's own copy of the body's HTML, and its polishing of the article's HTML
    // (less the steps stubbed in `attempt`).
    const parsed = reader.parse();
    return parsed?.content ? { content: parsed.content, title: parsed.title ?? null } : null;
  }
  call('_unwrapNoscriptImages', clone);
  const jsonLd = internals._disableJSONLD ? {} : call('_getJSONLD', clone);
  call('_removeScripts', clone);
  call('_prepDocument');
  const metadata = call('_getArticleMetadata', jsonLd) as { title?: string | null };
  internals._metadata = metadata;
  internals._articleTitle = metadata.title;
  yield;
  const content = faithful ? (call('_grabArticle') as Element | null) : grab(clone, () => call('_grabArticle') as Element | null);
  // What parse() goes on to do (the article's HTML polished, its text and excerpt read) says nothing of its nodes.
  return content ? { content, title: internals._articleTitle ?? null } : null;
}

/**
 * The grab without its copy of the page's HTML: Readability serialises the whole body first (a tenth of its time on
 * a long page) only to restore it when an attempt finds no text at all and it tries again with fewer flags. Here
 * the body reads as empty HTML and a restore stops the grab (RETRY): that attempt is then made again from a fresh
 * copy, faithfully.
 */
function grab(clone: Document, grabArticle: () => Element | null): Element | null {
  const body = clone.body;
  if (body) {
    Object.defineProperty(body, 'innerHTML', {
      configurable: true,
      get: () => '',
      set: () => {
        throw RETRY;
      },
    });
  }
  return grabArticle();
}

interface Attempt {
  nodes: Set<Text>;
  length: number;
  title: string | null;
}

/** Text nodes mapped back between two places to pause. */
const NODES_A_STEP = 2000;

/**
 * One attempt in steps: the copy of the page paired with it (one step), Readability's preparation of the copy, its
 * grab of the article (one call), then its text mapped back. `faithful`: with Readability's own copy of the body's
 * HTML (see `grab`). The steps after the first work on the copy; the pairing is node to node, so a page that changes
 * meanwhile leaves it true (a live node taken away since is dropped where the caller walks the page).
 */
function* attempt(doc: Document, flags: number, leaveOut: ReadonlySet<Element>, faithful = false): Steps<Attempt | null> {
  // The copy, its pairing with the live page and the removals in one step: the pairing holds only for the page the
  // copy was made of, and the page's scripts run in every pause.
  const { clone, liveOf } = cloneWithTextMap(doc, leaveOut);
  yield;
  const reader = new Readability<Element>(clone, {
    // Never let Readability retry by itself (see above): any non-empty result is returned.
    charThreshold: 1,
    serializer: (node) => node as Element,
  });
  const internals = reader as unknown as ReadabilityInternals;
  internals._flags = flags;
  for (const step of COSMETIC_STEPS) {
    // Only where this Readability version has the step; an unknown name is left alone.
    if (typeof internals[step] === 'function') internals[step] = () => {};
  }
  let parsed: Parsed | null;
  try {
    parsed = yield* parseInSteps(reader, clone, faithful);
  } catch (error) {
    if (error === RETRY) return yield* attempt(doc, flags, leaveOut, true);
    return null;
  }
  if (!parsed) return null;
  yield;
  const nodes = new Set<Text>();
  const walker = clone.createTreeWalker(parsed.content, 4 /* SHOW_TEXT */);
  let length = 0;
  let read = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (++read % NODES_A_STEP === 0) yield;
    const live = liveOf.get(n as Text);
    if (!live) continue; // a node Readability created (e.g. text of a javascript: link): not on the page
    nodes.add(live);
    length += live.data.trim().length;
  }
  return { nodes, length, title: parsed.title };
}

/** Readability on the page without `leaveOut` (elements known not to be the story, removed from its copy). */
export function runReadability(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): ReadabilityFound | null {
  return runToEnd(readabilitySteps(doc, leaveOut));
}

/**
 * runReadability in steps (lib/article/steps.ts): each attempt's copy of the page, Readability's preparation of it,
 * its grab of the article and the mapping back, in steps of their own. The grab is one call (the library has no
 * place to pause in it): what bounds a step on a page that needs it.
 */
export function* readabilitySteps(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): Steps<ReadabilityFound | null> {
  let best: Attempt | null = null;
  for (const flags of ATTEMPT_FLAGS) {
    const result: Attempt | null = yield* attempt(doc, flags, leaveOut);
    if (result && (!best || result.length > best.length)) best = result;
    if (best && best.length >= CHAR_THRESHOLD) break;
    yield;
  }
  return best && { nodes: best.nodes, title: best.title };
}
