// The notes' rules, in one place: what a note may hold, and how what arrives is tidied before it is kept.
// The store, the message handlers and every import read these, so a note that one path accepts can be
// edited, deleted and restored through every other path.
import { foldForSearch } from './fold';

export const LIMITS = {
  /** The note itself. */
  text: 100_000,
  tags: 50,
  /** Per tag, in code points (a tag never ends in half an emoji). */
  tagChars: 100,
  /** The quoted passage. */
  quote: 20_000,
  /** Context kept either side of the quote. */
  context: 1_000,
  /** Page titles longer than this are cut: a page must not be able to refuse notes by its title. */
  title: 2_000,
  /**
   * Page addresses: Chromium's own limit. Any address a tab can show is accepted; the limit only bounds what
   * a file may claim.
   */
  url: 2 * 1024 * 1024,
} as const;

/** Whole strings kept as they are; only a title over the limit is cut, at a code point, with an ellipsis. */
export function cleanTitle(title: string): string {
  if (title.length <= LIMITS.title) return title;
  return [...title].slice(0, LIMITS.title - 1).join('') + '…';
}

/**
 * Tags are trimmed, without a leading '#', unique ignoring case and accents (first spelling wins), never
 * empty, cut to the tag limit by code point. Idempotent (cleaning a cleaned list changes nothing), so a tag
 * survives export and import unchanged, and an imported tag is tidied exactly as a typed one.
 */
export function cleanTags(tags: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags ?? []) {
    const tag = [...raw.replace(/\s+/g, ' ').replace(/^[#\s]+/, '')].slice(0, LIMITS.tagChars).join('').trimEnd();
    const key = foldForSearch(tag);
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

const count = (n: number) => n.toLocaleString('en');

/** The reader-facing wording of each limit, shared by the schema and the import's problem list. */
export const LIMIT_MESSAGES = {
  text: (length: number) => `this note is ${count(length)} characters long; the limit is ${count(LIMITS.text)}`,
  tags: (n: number) => `${count(n)} tags; a note can have at most ${LIMITS.tags}`,
  quoteEmpty: 'the quote is empty',
  quote: (length: number) => `the quote is ${count(length)} characters long; the limit is ${count(LIMITS.quote)}`,
  url: 'the page address is missing',
  urlLong: `the page address is longer than ${count(LIMITS.url)} characters`,
  id: 'the note has no id',
} as const;
