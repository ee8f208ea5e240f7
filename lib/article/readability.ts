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
  [step: string]: unknown;
}

// Readability steps that only polish the HTML it returns (relative URLs, classes, nested divs, inline
// styles, lazy images): they never decide which text is the article, and we read nodes, not its HTML.
// Skipping them saves a good part of its time, and keeps the text of `javascript:` links, which
// _fixRelativeUris would replace with new text nodes that are not on the page.
const COSMETIC_STEPS = ['_postProcessContent', '_cleanStyles', '_fixLazyImages'];

interface Attempt {
  nodes: Set<Text>;
  length: number;
  title: string | null;
}

/** One attempt in steps: the copy of the page, then Readability on it (one call), then its text mapped back. */
function* attempt(doc: Document, flags: number, leaveOut: ReadonlySet<Element>): Steps<Attempt | null> {
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
  let parsed: ReturnType<typeof reader.parse>;
  try {
    parsed = reader.parse();
  } catch {
    return null;
  }
  if (!parsed?.content) return null;
  yield;
  const nodes = new Set<Text>();
  const walker = clone.createTreeWalker(parsed.content, 4 /* SHOW_TEXT */);
  let length = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const live = liveOf.get(n as Text);
    if (!live) continue; // a node Readability created (e.g. text of a javascript: link): not on the page
    nodes.add(live);
    length += live.data.trim().length;
  }
  return { nodes, length, title: parsed.title ?? null };
}

/** Readability on the page without `leaveOut` (elements known not to be the story, removed from its copy). */
export function runReadability(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): ReadabilityFound | null {
  return runToEnd(readabilitySteps(doc, leaveOut));
}

/**
 * runReadability in steps (lib/article/steps.ts): each attempt's copy of the page, Readability's pass over it, and
 * the mapping back, in steps of their own. Readability's own pass is one call (the library has no place to pause):
 * what bounds a step on a page that needs it.
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
