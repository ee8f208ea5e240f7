// What every export format says beside the note: a link that opens the page at the quoted passage (a text
// fragment, `#:~:text=`, which Chromium, Edge and Safari scroll to and mark), and times in the reader's own
// zone with its offset, so "Saved 11:00+01:00" is both what their clock said and an exact instant.
import type { Annotation } from '../notes/types';
import { webHref } from '../url';

/** Half of a surrogate pair standing alone (a quote cut inside an emoji): encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SURROGATE = /[\uD800-\uDFFF]/;

/** Characters the text-fragment syntax reserves, beyond what encodeURIComponent escapes. */
function encodeFragmentPart(text: string): string {
  // Most text has no surrogate at all: one plain test spares it the pairing expression and its lookbehind.
  const whole = SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
  const encoded = encodeURIComponent(whole);
  return encoded.includes('-') ? encoded.replaceAll('-', '%2D') : encoded;
}

/** Whitespace-separated words. `trim` removes exactly the characters `\s` matches, so no piece is empty. */
const words = (text: string): string[] => {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
};
/** Quotes longer than this are linked by their first and last words (textStart,textEnd). */
const LONG_QUOTE_WORDS = 12;
const EDGE_WORDS = 5;
const CONTEXT_WORDS = 3;

/** A note's address as a web page's (`webHref`): undefined for addresses that are not web pages. */
export type PageHref = (url: string) => string | undefined;

/**
 * `webHref`, remembered for one export: an export of 10,000 notes asks about the same few hundred pages again
 * and again, and each answer parses the address. Made per export and dropped with it, so nothing outlives it
 * (the keys are the notes' own address strings).
 */
export function rememberedPageHref(): PageHref {
  const hrefs = new Map<string, string | undefined>();
  return (url) => {
    if (hrefs.has(url)) return hrefs.get(url);
    const href = webHref(url);
    hrefs.set(url, href);
    return href;
  };
}

/**
 * The page's address with a text fragment for the note's quote, or the page's address alone for a page
 * note; undefined for addresses that are not web pages (nothing a reader should open from a file).
 * A writer of many notes passes one `rememberedPageHref()` for all of them.
 */
export function passageLink(note: Pick<Annotation, 'url' | 'target'>, pageHref: PageHref = webHref): string | undefined {
  const page = pageHref(note.url);
  if (!page) return undefined;
  if (!note.target) return page;
  const quote = words(note.target.quote.exact);
  if (quote.length === 0) return page;
  const prefix = words(note.target.quote.prefix).slice(-CONTEXT_WORDS).join(' ');
  const suffix = words(note.target.quote.suffix).slice(0, CONTEXT_WORDS).join(' ');
  const parts: string[] = [];
  if (prefix) parts.push(`${encodeFragmentPart(prefix)}-`);
  if (quote.length > LONG_QUOTE_WORDS) {
    parts.push(encodeFragmentPart(quote.slice(0, EDGE_WORDS).join(' ')), encodeFragmentPart(quote.slice(-EDGE_WORDS).join(' ')));
  } else {
    parts.push(encodeFragmentPart(quote.join(' ')));
  }
  if (suffix) parts.push(`-${encodeFragmentPart(suffix)}`);
  return `${page.replace(/#.*$/s, '')}#:~:text=${parts.join(',')}`;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * An ISO 8601 instant written in the reader's time zone with its offset ("2026-01-02T11:00:00.000+01:00").
 * A string that is not a date comes back unchanged.
 */
export function localIso(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const d = new Date(time);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** "2026-01-02 11:00 (UTC+01:00)": a local time people read at a glance, with its offset. */
export function readableLocalTime(iso: string): string {
  const local = localIso(iso);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}\.\d{3}([+-]\d{2}:\d{2})$/.exec(local);
  return m ? `${m[1]} ${m[2]} (UTC${m[3]})` : iso;
}
