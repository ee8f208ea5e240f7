// The page's language and publication date, read from its document: the figure reader needs the language for how
// numbers are written ("70.000" is seventy thousand on a German page), the figure judge needs the date to read
// "on Friday" or "last year" and to tell a toll from another date from a contradiction. Read-only: nothing on the
// page is changed.
import type { PageContext } from './match/figures';
import { isoRange, parseDate } from './figures/dates';

/** Metadata that news sites use for the publication date, most specific first. */
const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[property="og:article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="datePublished"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
  'meta[name="publish-date"]',
  'meta[name="publishdate"]',
  'meta[name="pubdate"]',
  'meta[name="date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dcterms.date"]',
  'meta[name="dc.date"]',
];
/** JSON-LD is read only this far: a page's structured data is small, and the content script must not stall on a huge one. */
const MAX_JSON_LD = 200_000;

/** The calendar day an ISO-ish date string names, as YYYY-MM-DD (or YYYY-MM, YYYY when that is all it says). */
function isoDate(value: string | null | undefined): string | undefined {
  const range = parseDate(value?.trim());
  return range ? isoRange(range) : undefined;
}

function datePublishedIn(node: unknown, depth = 0): string | undefined {
  if (depth > 6 || node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = datePublishedIn(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.datePublished === 'string') {
    const date = isoDate(record.datePublished);
    if (date) return date;
  }
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
    const found = datePublishedIn(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

function publicationDate(doc: Document): string | undefined {
  for (const selector of DATE_META) {
    const date = isoDate(doc.querySelector(selector)?.getAttribute('content'));
    if (date) return date;
  }
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const json = script.textContent ?? '';
    if (json.length > MAX_JSON_LD) continue;
    try {
      const date = datePublishedIn(JSON.parse(json));
      if (date) return date;
    } catch {
      // A page's broken structured data is its own business.
    }
  }
  for (const selector of ['time[itemprop="datePublished"]', 'time[pubdate]', 'article time[datetime]', 'main time[datetime]']) {
    const date = isoDate(doc.querySelector(selector)?.getAttribute('datetime'));
    if (date) return date;
  }
  return undefined;
}

function language(doc: Document): string | undefined {
  const declared =
    doc.documentElement.getAttribute('lang') ||
    doc.documentElement.getAttribute('xml:lang') ||
    doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ||
    doc.querySelector('meta[property="og:locale"]')?.getAttribute('content')?.replace('_', '-');
  const lang = declared?.split(',')[0]?.trim();
  return lang && /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(lang) ? lang : undefined;
}

/** The page's language and publication date, as far as its document says. */
export function readPageContext(doc: Document): PageContext {
  const lang = language(doc);
  const date = publicationDate(doc);
  return { ...(lang ? { lang } : {}), ...(date ? { date } : {}) };
}
