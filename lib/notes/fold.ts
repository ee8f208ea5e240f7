// Case- and accent-insensitive comparison for search and tags: "Aleppo", "ALEPPO" and "Alép­po" compare equal.

/** Lower-cases, strips diacritics (NFKD then drops combining marks) and soft hyphens / zero-width characters. */
export function foldForSearch(value: string): string {
  // Plain ASCII has no accents, soft hyphens or ß: lower-casing is all of it (most of what a news reader writes,
  // and the search folds every character of every note shown at each key typed).
  if (!NOT_ASCII.test(value)) return value.toLowerCase();
  // toLowerCase is the default case mapping, which toLocaleLowerCase('en') is too (only Turkish, Azeri and
  // Lithuanian differ), without the locale lookup.
  return value.normalize('NFKD').replace(IGNORED, '').toLowerCase().replace(/ß/g, 'ss');
}

const NOT_ASCII = /[^\x00-\x7f]/;
/** Combining marks (what NFKD splits accents into), soft hyphens and zero-width characters. */
const IGNORED = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad\u200b-\u200d\u2060\ufeff]/g;
