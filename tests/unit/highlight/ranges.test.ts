import { expect, test } from 'vitest';
import { rangesForMatches, segmentIndexAt } from '@/lib/highlight/ranges';
import type { TextMap } from '@/lib/text/types';
import type { TextMatch } from '@/lib/match/types';

const m = (start: number, end: number, text: string): TextMatch => ({ start, end, text, category: 'place', referenceId: 'place:x' });

test('matches become DOM ranges on the right nodes, across node boundaries, skipping block separators', () => {
  document.body.innerHTML = '<p>Fighting in <b>Aleppo</b> and Homs.</p><p>Damascus</p>';
  const [t1, t2, t3] = Array.from(document.querySelector('p')!.childNodes).map((n) => (n.nodeType === 3 ? n : n.firstChild!)) as Text[];
  const t4 = document.querySelectorAll('p')[1]!.firstChild as Text;
  // Like the real text map: a "\n\n" separator between blocks that belongs to no node.
  const map: TextMap = {
    text: 'Fighting in Aleppo and Homs.\n\nDamascus',
    segments: [
      { node: t1!, start: 0, length: 12 },
      { node: t2!, start: 12, length: 6 },
      { node: t3!, start: 18, length: 10 },
      { node: t4, start: 30, length: 8 },
    ],
  };
  const out = rangesForMatches(map, [m(12, 18, 'Aleppo'), m(9, 18, 'in Aleppo'), m(23, 27, 'Homs'), m(28, 30, '\n\n'), m(30, 38, 'Damascus')]);
  expect(out.map((r) => r.range.toString())).toEqual(['Aleppo', 'in Aleppo', 'Homs', 'Damascus']);
  expect(out[0]!.range.startContainer).toBe(t2);
  expect(out[1]!.range.startContainer).toBe(t1);
  expect(out[1]!.range.endContainer).toBe(t2);
  expect(segmentIndexAt(map.segments, 29)).toBe(-1);
  expect(segmentIndexAt(map.segments, 30)).toBe(3);
  expect(segmentIndexAt(map.segments, 0)).toBe(0);
});
