// Pruning around an extractor's result. Readability finds the right container on nearly every news page
// but keeps what publishers put inside it besides the story: photo captions and credits, bylines and
// timestamps, "Read more:" links, related-story lists, share and newsletter prompts, and one-word labels
// ("Comments", "Caption", "Close"). Each rule below targets one such kind of block by its structure or
// its role as the markup names it, never by a site's specific strings.
import { blockOf, isInline } from './text';
import { tokenize } from './metric';
import { inheritedVerdict } from './ancestors';
import { runToEnd, type Steps } from './steps';

// Class/id words that name a block's role as something other than story text. Matched as whole words of
// the class or id (after splitting camelCase, dashes and underscores), so "comment" does not match
// "commentary" and "ad" does not match "header" or "read".
const BOILERPLATE_ROLE = new Set([
  'caption', 'captions', 'credit', 'credits', 'byline', 'bylines', 'author', 'authors', 'dateline',
  'timestamp', 'date', 'time', 'published', 'updated', 'share', 'sharing', 'social', 'newsletter',
  'subscribe', 'subscription', 'signup', 'related', 'recommended', 'recommendations', 'promo',
  'trending', 'popular', 'mostread', 'comments', 'comment', 'breadcrumb', 'breadcrumbs', 'tags',
  'toolbar', 'ad', 'ads', 'advert', 'advertisement', 'sponsor', 'sponsored', 'outbrain', 'taboola',
  'disclaimer', 'copyright', 'gallery', 'slideshow', 'carousel', 'enlarge',
  'login', 'signin', 'paywall', 'overlay', 'modal', 'popup', 'banner', 'nav', 'navigation', 'menu',
  'footer', 'sidebar', 'widget', 'rail', 'kicker', 'eyebrow', 'meta', 'metadata',
  'moreon', 'playlist', 'video', 'player', 'audio', 'podcast', 'print', 'email', 'feedback', 'bio',
  'biography', 'mostpopular',
]);

// Text that is there for screen readers only ("Image caption", "opens in a new window"): never read on
// screen, even inside a sentence.
const SCREEN_READER_ROLE = new Set(['sronly', 'visuallyhidden', 'screenreader', 'screenreaderonly', 'assistive', 'offscreen']);

// Roles that are not the story even when they hold a good share of the text (a comment thread or a
// "most popular" sidebar can be as long as the article). Only an element holding most of the text is
// spared: that is a layout wrapper ("l-sidebar-fixed": the layout with a sidebar), not the sidebar.
// Other roles yield to size sooner: see `isMajor` below.
const NEVER_STORY_ROLE = new Set([
  'sidebar', 'comments', 'comment', 'related', 'footer', 'nav', 'navigation', 'menu', 'breadcrumb',
  'breadcrumbs', 'trending', 'popular', 'mostread', 'mostpopular', 'newsletter', 'outbrain', 'taboola',
  'recommended', 'recommendations', 'rail',
]);

// Standfirst (dek) roles: the summary under the headline. Part of the article for the reader, but not
// of its body: detectArticle reports these nodes separately.
export const STANDFIRST_ROLE = new Set([
  'standfirst', 'dek', 'deck', 'subtitle', 'subheadline', 'subhead', 'strapline', 'summary', 'lede',
  'description', 'intro', 'teaser',
]);

// Elements whose content is never the running text of a story, even inside the article container.
const NON_STORY_TAGS = new Set(['FIGURE', 'FIGCAPTION', 'ASIDE', 'NAV', 'FOOTER', 'HEADER', 'ADDRESS', 'TIME', 'BUTTON', 'LABEL']);

function roleWords(el: Element): string[] {
  if (!el.hasAttributes()) return []; // most paragraphs: nothing to read
  const raw = `${el.getAttribute('class') ?? ''} ${el.id} ${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('role') ?? ''}`;
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

// A role word after one of these describes what the block contains or lacks ("no-caption",
// "has-related", "with-ads"), not what the block is.
const STATE_PREFIX = new Set(['no', 'has', 'with', 'without', 'hide', 'show', 'is', 'not']);

/** Whether the element's class/id/itemprop/role names one of `roles` (as a word, or two joined words). */
export function namesRole(el: Element, roles: ReadonlySet<string>): boolean {
  const words = roleWords(el);
  if (words.some((w, i) => roles.has(w) && !STATE_PREFIX.has(words[i - 1] ?? ''))) return true;
  // Joined pairs catch "most-read", "sign-in", "sr-only" spelled with separators.
  for (let i = 0; i + 1 < words.length; i++) {
    if (roles.has(`${words[i]}${words[i + 1]}`) && !STATE_PREFIX.has(words[i - 1] ?? '')) return true;
  }
  return false;
}

const FORM_CONTROL = 'form, input:not([type="hidden"]), select, textarea';

// Month names and time/date shapes, for lines that only say when the story was published or updated.
const DATE_WORDS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january',
  'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'am', 'pm', 'a', 'p', 'm',
  'est', 'edt', 'cst', 'cdt', 'pst', 'pdt', 'mst', 'mdt', 'gmt', 'utc', 'bst', 'cet', 'ist', 'amt',
  'published', 'updated', 'posted', 'first', 'last', 'modified', 'on', 'at', 'ago', 'today', 'yesterday',
  'hour', 'hours', 'minute', 'minutes', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years',
]);

/** A line that only states a date or time ("Published 11:11 PM EST Nov 19, 2019", "1 day ago"). */
export function isDateLine(text: string): boolean {
  if (text.length > 120) return false; // fourteen date words never take more; skip tokenizing prose
  const tokens = tokenize(text.toLowerCase());
  if (tokens.length === 0 || tokens.length > 14) return false;
  let dated = false;
  for (const t of tokens) {
    if (/^\d+(?:st|nd|rd|th)?$/.test(t)) {
      dated = true;
      continue;
    }
    if (!DATE_WORDS.has(t)) return false;
    if (t !== 'on' && t !== 'at' && t !== 'a' && t !== 'first' && t !== 'last') dated = true;
  }
  return dated && /\d/.test(text);
}

// Blocks where short text is normal content (list items, table cells, definitions, quotes, headings).
const SHORT_OK = new Set(['LI', 'TD', 'TH', 'DT', 'DD', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

export interface Block {
  el: Element | null;
  nodes: Text[];
}

/** Consecutive nodes grouped by the block element they flow in. */
export function groupByBlock(nodes: readonly Text[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const node of nodes) {
    const el = blockOf(node);
    if (!current || current.el !== el) {
      current = { el, nodes: [] };
      blocks.push(current);
    }
    current.nodes.push(node);
  }
  return blocks;
}

/** The deepest element containing every node: the article container as it is on the live page. */
export function commonAncestor(nodes: readonly Node[]): Element | null {
  const first = nodes[0];
  if (!first) return null;
  let root: Element | null = first.parentElement;
  for (const node of nodes) {
    while (root && !root.contains(node)) root = root.parentElement;
  }
  return root;
}

/**
 * The nodes of `nodes` (live text nodes in document order, from an extractor) that are story text.
 * `root` is the article container; roles are only read on elements below it, since the container's
 * own class ("article-body", "story") says nothing about a block inside it.
 */
export function pruneBoilerplate(nodes: readonly Text[], root: Element | null): Text[] {
  return runToEnd(pruneBoilerplateSteps(nodes, root));
}

/** Blocks judged between two places to pause (a few milliseconds of a long article's blocks, cold). */
const BLOCKS_A_STEP = 200;

/** pruneBoilerplate in steps (lib/article/steps.ts). */
export function* pruneBoilerplateSteps(nodes: readonly Text[], root: Element | null): Steps<Text[]> {
  // Characters of extracted text under each element up to the container: a wrapper that holds a large
  // share of the article is the article, whatever its class says ("read-more" often wraps the rest of
  // the story behind an expander, "paywall" the part for subscribers).
  const charsUnder = new Map<Element, number>();
  let total = 0;
  for (const node of nodes) {
    const len = node.data.length;
    total += len;
    for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
      charsUnder.set(el, (charsUnder.get(el) ?? 0) + len);
    }
  }
  const isMajor = (el: Element) => (charsUnder.get(el) ?? 0) > total * 0.3;
  const isMost = (el: Element) => (charsUnder.get(el) ?? 0) > total * 0.6;
  // A small block with a form control is a widget (newsletter sign-up, poll, search), not prose. Only
  // small ones: a large section that happens to embed a form keeps its paragraphs.
  // Elements with a form control below them, found with one query rather than one per element.
  const holdsControl = new Set<Element>();
  if (root) {
    for (const control of Array.from(root.querySelectorAll(FORM_CONTROL))) {
      for (let el: Element | null = control; el && el !== root && !holdsControl.has(el); el = el.parentElement) {
        holdsControl.add(el);
      }
    }
  }
  yield;
  const isWidget = (el: Element) => holdsControl.has(el) && (charsUnder.get(el) ?? 0) < Math.min(600, total * 0.15);
  const verdict = new Map<Element, boolean>();
  const judge = (el: Element): boolean => {
    if (namesRole(el, SCREEN_READER_ROLE)) return true;
    // A link or a date inside a sentence is the sentence's: a link to a topic page classed "topic-meta"
    // (as publishers mark entity links), "on <time>Tuesday</time>" say nothing about the block being
    // boilerplate. (Other inline boxes, such as a caption span set before a paragraph's first words, are
    // still judged by their names.)
    if (isSentenceMarkup(el)) return false;
    return (
      (!isMost(el) && namesRole(el, NEVER_STORY_ROLE)) ||
      (!isMajor(el) && (NON_STORY_TAGS.has(el.tagName.toUpperCase()) || namesRole(el, BOILERPLATE_ROLE) || isWidget(el)))
    );
  };
  // Whether the element or an ancestor below the container is boilerplate.
  const boilerplateAncestor = (el: Element | null): boolean =>
    !!el && !!root && el !== root && root.contains(el) && inheritedVerdict(el, judge, verdict, root);

  const kept: Text[] = [];
  let judged = 0;
  for (const block of groupByBlock(nodes)) {
    if (++judged % BLOCKS_A_STEP === 0) yield;
    // Role named by the markup (caption, byline, related...) on the block or anything between it and
    // the container.
    const keptNodes = block.nodes.filter((n) => !boilerplateAncestor(n.parentElement));
    if (keptNodes.length === 0) continue;
    const tag = block.el?.tagName.toUpperCase() ?? '';

    // Link lists and "Read more:" lines: most of the block's characters are links. A story paragraph
    // that links a few words stays.
    let linkChars = 0;
    let chars = 0;
    const wholeBlockLinked = !!block.el && isInsideLink(block.el, root);
    for (const n of keptNodes) {
      const len = n.data.length;
      chars += len;
      if (wholeBlockLinked || isInsideLink(n.parentElement, block.el)) linkChars += len;
    }
    // Headings too: a subhead is plain text, a heading that is all link is a teaser for another story.
    if (chars > 0 && linkChars / chars > 0.5) continue;
    // The remaining rules are about short lines; a long block is prose (and is not copied to find out).
    if (chars > 300) {
      kept.push(...keptNodes);
      continue;
    }
    const text = keptNodes.map((n) => n.data).join('').replace(/\s+/g, ' ').trim();
    const words = tokenize(text).length;

    if (isDateLine(text)) continue;
    // A bare URL printed on the page (share or canonical links).
    if (/^(https?:\/\/|www\.)\S+$/i.test(text)) continue;
    // One- to three-word labels outside headings and lists ("Comments", "Image caption", "More:",
    // "Sign In"): interface text, not sentences. Subheads are kept: they are headings, or a paragraph
    // that is all bold.
    // A label ending in a colon ("More:", "SOURCE:") introduces a list or credit, not a sentence.
    if (words <= 2 && text.endsWith(':')) continue;
    if (
      words <= 3 &&
      text.length <= 24 &&
      !SHORT_OK.has(tag) &&
      !/[.!?"”’。！？」』]$/.test(text) &&
      !isAllEmphasis(keptNodes, block.el) &&
      !isCapitalisedSubhead(text, words)
    ) {
      continue;
    }
    kept.push(...keptNodes);
  }
  return kept;
}

/**
 * An inline element with words of a sentence right beside it (a text sibling, here or on an inline
 * ancestor within the same block): part of that sentence, not a line of its own. An inline element
 * standing alone (a <span class="caption"> in its own box, between paragraphs) is judged as a block.
 */
function isSentenceMarkup(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return (tag === 'TIME' || !!el.closest('a')) && isInRunningText(el);
}

function isInRunningText(el: Element): boolean {
  for (let e: Element | null = el; e && isInline(e); e = e.parentElement) {
    for (let sib: ChildNode | null = e.parentNode?.firstChild ?? null; sib; sib = sib.nextSibling) {
      if (sib !== e && sib.nodeType === 3 && /\p{L}|\p{N}/u.test(sib.nodeValue ?? '')) return true;
    }
  }
  return false;
}

/** Whether `el` or an ancestor below `root` is a link. */
function isInsideLink(el: Element | null, root: Element | null): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    if (e.tagName.toUpperCase() === 'A') return true;
  }
  return false;
}

/** "UP NEXT", "US FALLS": wire-service subheads are set in capitals as their own paragraph. */
function isCapitalisedSubhead(text: string, words: number): boolean {
  return words >= 2 && /\p{Lu}/u.test(text) && text === text.toUpperCase();
}

const EMPHASIS: ReadonlySet<string> = new Set(['B', 'STRONG', 'EM', 'I']);

/**
 * Every node of the block sits in bold/italic (or in the given tags): a run-in subhead such as
 * <p><strong>The response</strong></p>.
 */
export function isAllEmphasis(nodes: readonly Text[], block: Element | null, tags: ReadonlySet<string> = EMPHASIS): boolean {
  return nodes.every((n) => {
    for (let el = n.parentElement; el && el !== block; el = el.parentElement) {
      if (tags.has(el.tagName.toUpperCase())) return true;
    }
    return false;
  });
}
