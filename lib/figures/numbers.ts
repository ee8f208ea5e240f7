// Numbers as news text writes them: "70,000", "4 million", "4m", "70k", "2.5bn", "two and a half", "2½", and the
// page language's own separators ("70.000" and "60 000" on a European page). The figure reader (./index.ts) finds
// them with one global regex per writing style and turns each hit into a value here.
//
// Separators follow the page's language (`lang`, BCP 47), because "70.000" is seventy thousand in German and
// seventy in English:
// - 'point' (English and languages written like it): "," groups thousands, "." marks decimals. A lone "70.000"
//   (exactly three digits after one point, no scale word) is ambiguous here and is not read at all: reading it as
//   70 would compare a page's "70.000 people" with the reference's 70,000 and call it different.
// - 'comma' (most of continental Europe, Latin America, Turkey, Indonesia...): "." or a space groups thousands,
//   "," marks decimals.
// - 'swiss' (German and Italian in Switzerland): an apostrophe or a space groups thousands, "." marks decimals.
// Thin and narrow no-break spaces and apostrophes ("70 000", "70’000") group thousands in every style: no language
// uses them for decimals.

export type NumberStyle = 'point' | 'comma' | 'swiss';

const COMMA_LANGUAGES = new Set(
  'af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk ky lt lv mk mn nb nl nn no pl pt ro ru sk sl sq sr sv tr uk uz vi'.split(' '),
);

/** How numbers are written in `lang` ("de", "fr-CA", "en-GB"); English's way when it is unknown or missing. */
export function numberStyle(lang?: string): NumberStyle {
  if (!lang) return 'point';
  const [language = '', region = ''] = lang.toLowerCase().split(/[-_]/);
  if (region === 'ch' && (language === 'de' || language === 'it')) return 'swiss';
  return COMMA_LANGUAGES.has(language) ? 'comma' : 'point';
}

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Abbreviated scales written against or next to the digits: "4m", "70k", "2.5bn", "3.2 mln". */
const ABBREVIATIONS: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, b: 1e9, bn: 1e9, tn: 1e12 };
const FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75, half: 0.5, quarter: 0.25 };

const WORD = `(?:${Object.keys(SMALL).join('|')}|hundred|thousand|million|billion|dozen)`;
const SPACE = '[ \\u00a0]+';
/** Thousands groups that no language reads as decimals: thin spaces and apostrophes. */
const SAFE_GROUP = "['’\\u2009\\u202f]";
const DIGITS: Record<NumberStyle, string> = {
  point: `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d{1,3}(?:${SAFE_GROUP}\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?`,
  comma: `\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?(?![\\d.])|\\d{1,3}(?:[ \\u00a0\\u2009\\u202f'’]\\d{3})+(?:,\\d+)?(?!\\d)|\\d+(?:,\\d+)?`,
  swiss: `\\d{1,3}(?:[ \\u00a0\\u2009\\u202f'’]\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?`,
};
/** " and a half", "-and-a-half", " and a quarter". */
const AND_FRACTION = `(?:${SPACE}|-)and(?:${SPACE}|-)an?(?:${SPACE}|-)(?:half|quarter)`;

function pattern(style: NumberStyle): RegExp {
  return new RegExp(
    // digits, an attached fraction, " and a half", then a scale word or an abbreviation
    `(?<d>${DIGITS[style]})(?<frac>[½¼¾])?(?<andFrac>${AND_FRACTION})?` +
      `(?:${SPACE}(?<scale>hundred|thousand|million|billion|trillion)\\b|[ \\u00a0]?(?<abbr>mn|mln|bn|tn)\\b|(?<short>[mkb])\\b)?` +
      // "a dozen", "half a million"
      `|\\b(?<a>an?|half${SPACE}an?)${SPACE}(?<aScale>dozen|hundred|thousand|million|billion)\\b` +
      // "two", "twenty-five", "two hundred thousand", "two and a half million"
      `|\\b(?<w>${WORD}(?:(?:${SPACE}|-)(?:and${SPACE})?${WORD})*)(?<wFrac>${AND_FRACTION})?(?:${SPACE}(?<wScale>hundred|thousand|million|billion))?\\b`,
    'gi',
  );
}

const PATTERNS = new Map<NumberStyle, RegExp>();

/** The global regex that finds numbers written in `style`; one shared object per style (reset `lastIndex`). */
export function numberPattern(style: NumberStyle): RegExp {
  let re = PATTERNS.get(style);
  if (!re) PATTERNS.set(style, (re = pattern(style)));
  return re;
}

export interface NumberRead {
  value: number;
  /** The rounding step the wording shows when it is not the place of the last digit: ½ in "2½", "and a half". */
  step?: number;
  /** Written in words ("two", "a dozen"), not digits. */
  inWords: boolean;
  /** For digits: the digit string as written and where it ends (a year, a date or a time is judged on it). */
  digits?: { text: string; end: number };
  /** A scale word or abbreviation follows the digits ("4 million", "4m"). */
  scaled: boolean;
  /** "a dozen": approximate by itself. */
  dozen: boolean;
}

function wordsToNumber(phrase: string): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of phrase.toLowerCase().split(/[\s\u00a0-]+/)) {
    if (w === 'and' || w === '') continue;
    const small = SMALL[w];
    if (small !== undefined) {
      current += small;
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
    } else if (w === 'dozen') {
      current = (current || 1) * 12;
    } else {
      const scale = SCALES[w];
      if (scale === undefined) return undefined;
      total += (current || 1) * scale;
      current = 0;
    }
    seen = true;
  }
  return seen ? total + current : undefined;
}

function digitsValue(text: string, style: NumberStyle, scaled: boolean): number | undefined {
  if (style === 'point') {
    // "70.000": seventy in English, seventy thousand elsewhere; not guessed. "1.125 million" is a decimal.
    if (!scaled && /^\d{1,3}\.\d{3}$/.test(text)) return undefined;
    return Number(text.replace(/[,'’\u2009\u202f]/g, ''));
  }
  if (style === 'comma') return Number(text.replace(/[. \u00a0\u2009\u202f'’]/g, '').replace(',', '.'));
  return Number(text.replace(/[ \u00a0\u2009\u202f'’]/g, ''));
}

const fractionIn = (phrase: string | undefined): number | undefined => {
  if (!phrase) return undefined;
  return FRACTIONS[/(half|quarter)$/i.exec(phrase)?.[1]?.toLowerCase() ?? ''];
};

/** Lengths and sports distances written "4m": not millions. */
const METRES_AFTER = /^[ \u00a0]*(?:high|tall|wide|long|deep|away|above|below|under|across|metres?|meters?|sq|square|race|run|sprint|final|freestyle|hurdles|x\b)/i;

/** The number a match of `numberPattern(style)` stands for, or undefined when it is not one (or is ambiguous). */
export function readNumberMatch(m: RegExpExecArray, text: string, style: NumberStyle): NumberRead | undefined {
  const g = m.groups!;
  if (g.d !== undefined) {
    const base = digitsValue(g.d, style, !!(g.scale || g.abbr || g.short));
    if (base === undefined || !Number.isFinite(base)) return undefined;
    const fraction = (g.frac ? FRACTIONS[g.frac] : undefined) ?? fractionIn(g.andFrac) ?? 0;
    let multiplier = 1;
    if (g.scale) multiplier = SCALES[g.scale.toLowerCase()]!;
    else if (g.abbr) multiplier = ABBREVIATIONS[g.abbr.toLowerCase()]!;
    else if (g.short) {
      if (g.short.toLowerCase() === 'm' && METRES_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return undefined;
      multiplier = ABBREVIATIONS[g.short.toLowerCase()]!;
    }
    const value = (base + fraction) * multiplier;
    return {
      value,
      ...(fraction ? { step: (fraction % 0.5 === 0 ? 0.5 : 0.25) * multiplier } : {}),
      inWords: false,
      digits: { text: g.d, end: m.index + g.d.length },
      scaled: multiplier !== 1,
      dozen: false,
    };
  }
  if (g.a !== undefined) {
    const scale = g.aScale!.toLowerCase();
    const base = scale === 'dozen' ? 12 : SCALES[scale]!;
    return { value: g.a.toLowerCase().startsWith('half') ? base / 2 : base, inWords: true, scaled: false, dozen: scale === 'dozen' };
  }
  const base = wordsToNumber(g.w!);
  if (base === undefined) return undefined;
  const fraction = fractionIn(g.wFrac) ?? 0;
  const multiplier = g.wScale ? SCALES[g.wScale.toLowerCase()]! : 1;
  return {
    value: (base + fraction) * multiplier,
    ...(fraction ? { step: (fraction % 0.5 === 0 ? 0.5 : 0.25) * multiplier } : {}),
    inWords: true,
    scaled: false,
    dozen: false,
  };
}
