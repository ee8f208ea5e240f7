import { describe, expect, it } from 'vitest';
import { articleEnd, firstLine, occurrences, sentences, slug } from '../../../lib/builder/text';

const ARTICLE = ['Headline Here', '', 'First paragraph of the story, long enough to be the body.', '', 'Second paragraph, also part of the story.'].join('\n');

describe('articleEnd: the trailing furniture of a page is not article text', () => {
  it.each([
    ['a WordPress comment form', 'Leave a Reply\n\nYour email address will not be published. Required fields are marked *'],
    ['a comment prompt', 'Leave a comment'],
    ['a tag and permalink line', 'This entry was posted in News and tagged , , . Bookmark the permalink.'],
    ['a list of allowed HTML tags', 'Allowed: <a href=""> <b> <i> <em> <strong>'],
    ['a share prompt', 'Share this:'],
    ['a comment counter', '12 Comments'],
  ])('cuts before %s', (_what, furniture) => {
    const text = `${ARTICLE}\n\n${furniture}\n\nMore junk after it.`;
    expect(articleEnd(text)).toBe(ARTICLE.length);
  });

  it('keeps the whole text when there is no furniture', () => {
    expect(articleEnd(ARTICLE)).toBe(ARTICLE.length);
  });

  it('does not cut at a boilerplate-looking line near the top (a dateline, not a footer)', () => {
    const text = `Posted in World\n${ARTICLE}\n${ARTICLE}`;
    expect(articleEnd(text)).toBe(text.length);
  });
});

describe('sentences', () => {
  it('splits at full stops before a capital and at line breaks', () => {
    const text = 'One here. Two there!\nThree without stop\nFour? Five.';
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['One here.', 'Two there!', 'Three without stop', 'Four?', 'Five.']);
  });

  it('does not split after abbreviations and initials', () => {
    const text = 'The U.N. says 5 died. Maj. Gen. Ali spoke to Mr. Jones. Then he left.';
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['The U.N. says 5 died.', 'Maj. Gen. Ali spoke to Mr. Jones.', 'Then he left.']);
  });

  it('stops at the given end', () => {
    expect(sentences('Kept. Dropped later.', 5).length).toBe(1);
  });
});

describe('occurrences: whole words, case-sensitive', () => {
  it.each([
    ['Mr Assad’s troops', 'Assad', [3]],
    ['Mr Assads’s regime', 'Assad', []],
    ['anti-Assad uprising', 'Assad', [5]],
    ['The UN, the UNHCR and UNICEF', 'UN', [4]],
    ['says the U.N. Today', 'U.N.', [9]],
    ['the observatory and the Observatory', 'Observatory', [24]],
  ])('%s / %s', (text, form, expected) => {
    expect(occurrences(text, form)).toEqual(expected);
  });
});

describe('helpers', () => {
  it('firstLine skips blank lines', () => {
    expect(firstLine('\n\n  Title  \nBody')).toBe('Title');
  });
  it('slug makes stable ascii ids', () => {
    expect([slug('Bashar al-Assad'), slug('Türkiye'), slug("London's Biggest"), slug('  U.N.  ')]).toEqual(['bashar-al-assad', 'turkiye', 'londons-biggest', 'u-n']);
  });
});
