// What publishers put after a story's last sentence, inside the story's own container: "Follow us on
// Facebook", the author's e-mail and handle, newsletter and subscription prompts, photo and reporting
// credits, copyright lines, and the label of a box that was removed ("More stories", "You may also
// like..."). Markup rarely names these lines, and each looks harmless alone; what marks them is where they
// are (after the story's end: nothing but more of the same follows) and what they hold. So the tail is
// read backwards from the end, dropping such lines until the first one that is story text.
//
// The signals, strongest first: links to social networks, share or subscription pages or e-mail; an e-mail
// address or a social handle in the text; a copyright sign; the standard wording of picture credits; a few
// call-to-action phrasings (English, as most of our pages are). Only short lines qualify: a story's last
// paragraph that happens to mention Twitter is long and is left alone.
import { tokenize } from './metric';
import { groupByBlock, isAllEmphasis, type Block } from './prune';

// A tail line is at most a few sentences; story paragraphs are longer or are stopped at before. Characters
// too: a run of Chinese or Japanese is one \w+ token however long.
const MAX_TAIL_WORDS = 60;
const MAX_TAIL_CHARS = 400;
// A label (a heading whose content was removed, "Related:", "More from the author") is a few words.
const MAX_LABEL_WORDS = 8;
const MAX_LABEL_CHARS = 60;
const MAX_INTRO_LABEL_WORDS = 4;
// An item of a list of headlines.
const MAX_LIST_ITEM_WORDS = 30;
// One linked line is a note (a sponsor, a source); a list of them is the site's furniture.
const MIN_LIST_ITEMS = 3;
// Never take more than this share of the body as tail: past it, the rules are reading a story.
const MAX_TAIL_SHARE = 0.5;

const SOCIAL_HOSTS =
  /(^|\.)(facebook|fb|twitter|x|t|instagram|linkedin|youtube|youtu|pinterest|tiktok|whatsapp|wa|telegram|snapchat|reddit|tumblr|threads|bsky|mastodon|flipboard|vk|weibo|line)\.(com|me|net|org|app|social|be)$/i;
// A page of its own for subscribing: one path segment (or query value) says so.
const SUBSCRIBE_PATH = /(?:^|[/_.?=&-])(?:newsletters?|subscribe|subscriptions?|sign-?up|register|membership|alerts|rss|podcasts?)(?:$|[/_.?=&-])/i;
// On a social network, an account or a share dialog (a path of one segment, or a share/intent endpoint),
// not a post the story quotes.
function isSocialAccountOrShare(url: URL): boolean {
  if (!SOCIAL_HOSTS.test(url.hostname)) return false;
  const segments = url.pathname.split('/').filter(Boolean);
  return segments.length <= 1 || /share|intent|sharer|send/i.test(url.pathname);
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// A web address alone on its line ("twitter.com/reporter", "www.example.com/newsletters").
const BARE_ADDRESS = /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/i;
const HANDLE = /(?:^|[\s(,;:])@[A-Za-z0-9_]{2,}/;
const COPYRIGHT = /©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b/i;
// Picture credits: "Photo: A", "(Image credit: B)", "Source: C". Reporters' credits ("D contributed to this
// report", "Reporting by E") stay: they name people and places a reader may want annotated, as the seed
// reports' last lines do.
const CREDIT = [
  /^\W*(?:sources?|photos?|photographs?|photography|pictures?|images?|illustrations?)(?: and \w+)?(?: by\b|\s*:)/i,
  /\b(?:image|photo|picture) credits?\b/i,
];
// Calls to action: following, subscribing, sharing, signing up.
const CALL_TO_ACTION = [
  /\b(?:follow|like|join|find|connect with|reach)\b[^.!?]{0,40}\b(?:us|our|him|her|them|me)\b[^.!?]{0,40}\b(?:on|at|via)\b/i,
  /\bnewsletters?\b/i,
  /\bsubscribe\b/i,
  /\bsign(?:ing)? up\b/i,
  /\bin your inbox\b/i,
  /\bclick here\b/i,
  /\bshare (?:it|this)\b/i,
  /\bif you (?:enjoyed|liked)\b/i,
  /\buses? cookies\b/i,
  /\bcookie (?:policy|settings|consent)\b/i,
];

interface Line extends Block {
  text: string;
}

function lineOf(block: Block): Line {
  return { ...block, text: block.nodes.map((n) => n.data).join('').replace(/\s+/g, ' ').trim() };
}

function linksOutOfStory(el: Element | null): boolean {
  if (!el) return false;
  const links = el.tagName.toUpperCase() === 'A' ? [el] : Array.from(el.querySelectorAll('a[href]'));
  const closestLink = el.closest('a[href]');
  if (closestLink && closestLink !== el) links.push(closestLink);
  for (const a of links) {
    const href = a.getAttribute('href')?.trim() ?? '';
    if (/^mailto:/i.test(href)) return true;
    let url: URL;
    try {
      url = new URL(href, el.ownerDocument.baseURI);
    } catch {
      continue;
    }
    if (isSocialAccountOrShare(url)) return true;
    if (SUBSCRIBE_PATH.test(url.pathname + url.search)) return true;
  }
  return false;
}

/** A line that belongs to the page's furniture after the story, not to the story. */
export function isTailBoilerplate(text: string, el: Element | null): boolean {
  if (!text) return true;
  if (text.length > MAX_TAIL_CHARS || tokenize(text).length > MAX_TAIL_WORDS) return false;
  return (
    EMAIL.test(text) ||
    BARE_ADDRESS.test(text) ||
    HANDLE.test(text) ||
    COPYRIGHT.test(text) ||
    CREDIT.some((re) => re.test(text)) ||
    CALL_TO_ACTION.some((re) => re.test(text)) ||
    linksOutOfStory(el)
  );
}

const HEADING = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
// Short content that legitimately ends a story without a full stop: list items, cells, quotes.
const SHORT_CONTENT = new Set(['LI', 'TD', 'TH', 'DT', 'DD', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE']);
const BOLD: ReadonlySet<string> = new Set(['B', 'STRONG']);

/**
 * A label with nothing after it: a heading, a bold run-in heading, or a line that announces something
 * ("More stories", "You may also like...", "Related:"). A label introduces what follows; at the end of the
 * story, what followed was removed. A plain short line (a place name, a sign-off) is not a label.
 */
function isDanglingLabel(block: Line): boolean {
  const tag = block.el?.tagName.toUpperCase() ?? '';
  const words = tokenize(block.text).length;
  if (words > MAX_LABEL_WORDS || block.text.length > MAX_LABEL_CHARS) return false;
  if (HEADING.has(tag)) return true;
  if (SHORT_CONTENT.has(tag)) return false;
  if (/(\.\.\.|…)$/.test(block.text)) return true;
  // "Related:", "Read more:" introduce a box; a longer line ending in a colon introduces a quote.
  if (block.text.endsWith(':')) return words <= MAX_INTRO_LABEL_WORDS;
  return !/[.!?"”’)»。！？」』）】]$/.test(block.text) && isAllEmphasis(block.nodes, block.el, BOLD);
}

/** A rule drawn with characters ("______", "* * *"): a separator, not text. */
function isSeparator(text: string): boolean {
  return text.length > 0 && tokenize(text).length === 0;
}

/**
 * An item of a list of links to other pages of the site ("More great stories": each item a headline,
 * perhaps with a line around it): every item of its list links to one, and none is long.
 */
function isLinkListItem(block: Line): boolean {
  const item = block.el?.closest('li');
  const list = item?.parentElement;
  if (!item || !list || !/^(UL|OL)$/i.test(list.tagName)) return false;
  const items = Array.from(list.children).filter((c) => c.tagName.toUpperCase() === 'LI');
  return items.length >= MIN_LIST_ITEMS && items.every((li) => {
    const text = (li.textContent ?? '').trim();
    return tokenize(text).length <= MAX_LIST_ITEM_WORDS && !!li.querySelector('a[href]');
  });
}

function inQuote(el: Element | null): boolean {
  return !!el?.closest('blockquote');
}

/** `body` without the boilerplate lines that follow the story's last sentence. */
export function trimBoilerplateTail(body: readonly Text[]): Text[] {
  // Only the last blocks are read, back to the story's last sentence: a long story's other lines are never copied.
  const blocks = groupByBlock(body);
  let total = 0;
  for (const n of body) total += n.data.length;
  let dropped = 0;
  let end = blocks.length;
  while (end > 1) {
    const block = lineOf(blocks[end - 1]!);
    // Embedded posts (a tweet quoted at the end) carry handles and links, and are the story's quotes.
    if (inQuote(block.el)) break;
    const furniture =
      isTailBoilerplate(block.text, block.el) || isSeparator(block.text) || isLinkListItem(block) || isDanglingLabel(block);
    if (!furniture) break;
    let chars = 0;
    for (const n of block.nodes) chars += n.data.length;
    if (dropped + chars > MAX_TAIL_SHARE * total) break;
    dropped += chars;
    end--;
  }
  return end === blocks.length ? [...body] : blocks.slice(0, end).flatMap((b) => b.nodes);
}
