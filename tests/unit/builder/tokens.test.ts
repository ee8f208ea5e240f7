// Words for finding names: abbreviations keep their full stop, possessives and hyphens are marked.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../lib/builder/tokens';

const show = (text: string): string => tokenize(text).map((t) => `${t.hyphenBefore ? '-' : ''}${t.text}`).join(' ');

describe('tokenize', () => {
  it('keeps the full stop of initials and title abbreviations, not of a sentence', () => {
    expect(show('Brig. Gen. Manaf Tlass met U.N. envoys.')).toBe('Brig. Gen. Manaf Tlass met U.N. envoys .');
  });

  it('splits a possessive and marks hyphenated parts', () => {
    expect(show("the UK-based group's al-Assad")).toBe("the UK -based group 's al -Assad");
    expect(show('Today’s Zaman')).toBe('Today ’s Zaman');
  });

  it('separates sentences run together without a space, but not a domain name or a decimal', () => {
    expect(show('state TV said.Liwa al-Islam said')).toBe('state TV said . Liwa al -Islam said');
    expect(show('Polygraph.info and 2.5 years')).toBe('Polygraph.info and 2.5 years');
  });

  it('records offsets into the text and line breaks', () => {
    const text = 'Headline\n\nBody text';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.kind)).toEqual(['word', 'break', 'word', 'word']);
    for (const t of tokens) if (t.kind === 'word') expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});
