import { describe, expect, test } from 'vitest';
import { readableLocalTime } from '@/lib/export/passage';
import fc from 'fast-check';
import { escapeMarkdownLine, escapeMarkdownText, writeMarkdown } from '@/lib/export/markdown';
import { note } from './helpers';

// Property runs are CPU-bound; on a loaded machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT = 120_000;

const now = new Date('2026-03-04T05:06:07Z');
/**
 * Whitespace other than space, tab and the no-break spaces, which a line can start with too: the block-start rules
 * read `\s`, so a shortcut that forgets one of these would leave a block construct unescaped after it.
 */
const RARE_SPACES = ['\v', '\f', '\u2028', '\u2029', '\ufeff', '\u2003', '\u1680'];

/** CommonMark's reading of backslash escapes, plus our non-breaking-space stand-ins for edge spaces. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u00a0/g, ' ');
}

describe('Markdown export', () => {
  test('says which reference item a note is linked to, in the words the popup and library use', () => {
    const md = writeMarkdown([
      note({ id: 'a', reference: { id: 'place:aleppo', kind: 'entity', label: 'Aleppo' } }),
      note({ id: 'b', url: 'https://b.example/', reference: { id: 'figure:toll', kind: 'figure', label: 'more than 60,000 people killed' } }),
    ], { now });
    expect(md.split('\n').filter((l) => l.startsWith('Linked to '))).toEqual(['Linked to Aleppo', 'Linked to figure more than 60,000 people killed']);
    expect(md).toMatch(/^# Backstory notes\n/);
  });

  test('groups by page, newest page first, the title as a link, notes in reading order', () => {
    const md = writeMarkdown(
      [
        note({ id: 'a', url: 'https://a.example/one', title: 'First page', modified: '2026-01-01T00:00:00.000Z', text: 'later in text',
          target: { quote: { type: 'TextQuoteSelector', exact: 'second quote', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 500, end: 512 } } }),
        note({ id: 'b', url: 'https://b.example/two (draft)', title: 'Second page', modified: '2026-02-01T00:00:00.000Z', text: 'on page two', tags: [] }),
        note({ id: 'c', url: 'https://a.example/one', title: 'First page', modified: '2026-01-01T00:00:00.000Z', text: 'earlier in text',
          target: { quote: { type: 'TextQuoteSelector', exact: 'first quote', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 10, end: 21 } } }),
      ],
      { now },
    );
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## [Second page](<https://b.example/two (draft)>)', '## [First page](<https://a.example/one>)']);
    expect(md.indexOf('first quote')).toBeLessThan(md.indexOf('second quote'));
    expect(md).toMatch(/Exported 2026-03-0[345] \d\d:\d\d \(UTC[+-]\d\d:\d\d\): 3 notes on 2 pages\./);
    expect(md).toContain('> first quote\n\n[Passage on the page](<https://a.example/one#:~:text=first%20quote>)\n\nearlier in text\n\nTags: casualties, UN  \n' +
      `*Saved ${readableLocalTime('2026-01-01T00:00:00.000Z')}*\n\n<!-- backstory:note `);
    expect(readableLocalTime('2026-01-01T00:00:00.000Z')).toMatch(/^20(25-12-31|26-01-01) \d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
    expect(md).toContain('\n* * *\n');
  });

  test('a multi-line quote stays one blockquote with its line and paragraph breaks', () => {
    const md = writeMarkdown([note({ target: { quote: { type: 'TextQuoteSelector', exact: 'line one\nline two\n\nnew paragraph', prefix: '', suffix: '' } } })], { now });
    expect(md).toContain('> line one\\\n> line two\n>\n> new paragraph\n');
  });

  test('Markdown syntax in notes, quotes and titles is shown literally', () => {
    const md = writeMarkdown([note({
      title: 'Assad [sic] *interview*',
      text: '# not a heading\n1. not a list\n- nor this\n> nor a quote\n<script>x</script> & &amp; `code` _under_ ~strike~ | pipe',
    })], { now });
    expect(md).toContain('## [Assad \\[sic\\] \\*interview\\*](<https://news.example/syria/aleppo>)');
    expect(md).toContain('\\# not a heading\\\n1\\. not a list\\\n\\- nor this\\\n\\> nor a quote\\\n\\<script\\>x\\</script\\> & \\&amp; \\`code\\` \\_under\\_ \\~strike\\~ \\| pipe');
  });

  test('indentation and trailing spaces cannot turn into code blocks or hard breaks', () => {
    expect(escapeMarkdownLine('    indented')).toBe('\u00a0\u00a0\u00a0\u00a0indented');
    expect(escapeMarkdownLine('end  ')).toBe('end\u00a0\u00a0');
    expect(escapeMarkdownText('a\n\n\nb')).toEqual(['a', '', 'b']);
  });

  test('a page without a title is headed by its URL; angle brackets in the URL are encoded', () => {
    const md = writeMarkdown([note({ title: '', url: 'https://x.example/a<b>' })], { now });
    expect(md).toContain('## [https://x.example/a\\<b\\>](<https://x.example/a%3Cb%3E>)');
  });

  test('a note holding "--" or "-->" cannot end its record comment early, and reads back whole', async () => {
    const tricky = note({ id: 'a', text: 'a -- b --> c ---', title: 'x--y' });
    const plain = note({ id: 'b', text: 'one - two' });
    const md = writeMarkdown([tricky, plain], { now });
    const comments = md.match(/<!-- backstory:note .*? -->/g)!;
    expect(comments).toHaveLength(2);
    for (const comment of comments) expect(comment.slice(4, -3)).not.toContain('--');
    expect(comments.some((c) => c.includes('one - two'))).toBe(true);
    const { parseImportFile } = await import('@/lib/export/import');
    expect((await parseImportFile(md)).sort((x, y) => (x.id < y.id ? -1 : 1))).toStrictEqual([tricky, plain]);
  });

  test('property: escaping a line loses nothing, and leaves no Markdown syntax unescaped', () => {
    // Half the lines are dense in ASCII punctuation, where Markdown's syntax lives.
    const syntax = fc.string({ unit: fc.constantFrom(...'#>*_[]<>|~`\\&;=+-.!()1a '), maxLength: 30 });
    const line = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), syntax).filter((s) => !/[\n\r\t\u00a0]/.test(s));
    fc.assert(fc.property(line, (text) => {
      const escaped = escapeMarkdownLine(text);
      expect(unescape(escaped)).toBe(text);
      // Every inline special character is preceded by a backslash.
      expect(escaped.replace(/\\[!-/:-@[-`{-~]/g, '')).not.toMatch(/[\\`*_[\]<>|~]/);
      // No block construct at the line start.
      expect(escaped).not.toMatch(/^ {0,3}([#>+=-]|\d{1,9}[.)])/);
    }), { numRuns: 1000 });
  }, PROPERTY_TIMEOUT);

  test('property: a line of text without a line break is escaped as the paragraph path escapes the same line', () => {
    // The single-line shortcut in escapeMarkdownText must give what the general path (paragraphs split on blank
    // lines, then lines) gives for that line; here the general path sees it as the first of two paragraphs.
    const syntax = fc.string({ unit: fc.constantFrom(...'#>*_[]<>|~`\\&;=+-.!()1a \t\u00a0', ...RARE_SPACES), maxLength: 30 });
    const line = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), syntax).filter((s) => !/[\n\r]/.test(s));
    fc.assert(fc.property(line, (text) => {
      const [first, blank, last] = escapeMarkdownText(`${text}\n\nend`);
      expect([blank, last]).toEqual(['', 'end']);
      expect(escapeMarkdownText(text)).toEqual([first]);
    }), { numRuns: 1000 });
    expect(escapeMarkdownText('')).toEqual(['']);
    expect(escapeMarkdownText('\\')).toEqual(['\\\\']);
    // Only a string takes the shortcut: a value of another type (a malformed record) fails as the general path does,
    // never passes through as if it were an escaped line.
    expect(() => escapeMarkdownText([] as unknown as string)).toThrow(TypeError);
  }, PROPERTY_TIMEOUT);

  test('property: a line is escaped exactly as the step-by-step rules say (each construct in its own pass)', () => {
    // The rules one replacement at a time, as first written: the writer's single pass and skipped passes must give
    // the same text on every line.
    const stepByStep = (line: string) => {
      let out = line.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
      out = out.replace(/^(\s{0,3})([#>+=-])/, '$1\\$2');
      out = out.replace(/^(\s{0,3}\d{1,9})([.)])/, '$1\\$2');
      out = out.replace(/^[ \t]+/, (lead) => '\u00a0'.repeat(lead.replace(/\t/g, '    ').length));
      return out.replace(/ +$/, (trail) => '\u00a0'.repeat(trail.length));
    };
    const syntax = fc.string({ unit: fc.constantFrom(...'#>*_[]<>|~`\\&;=+-.!()1a Z# \t\u00a0\u3000', ...RARE_SPACES), maxLength: 30 });
    const line = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), syntax).filter((s) => !/[\n\r]/.test(s));
    fc.assert(fc.property(line, (text) => {
      expect(escapeMarkdownLine(text)).toBe(stepByStep(text));
    }), { numRuns: 3000 });
    for (const text of ['&amp;', '&#38;', '&a_b;', 'a & b;', '&*amp;', '   ', '\t# x', '12. x ', '-- x', '\u3000# x', '\u2003# x', '\f12. x', '\v> x', '\u2028- x', '\ufeff# x']) {
      expect(escapeMarkdownLine(text)).toBe(stepByStep(text));
    }
  }, PROPERTY_TIMEOUT);
});
