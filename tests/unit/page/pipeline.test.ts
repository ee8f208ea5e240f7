import { expect, test } from 'vitest';
import { annotateNodes, blockSpans, matchSpan } from '@/lib/pipeline';
import { createMatcher } from '@/lib/match';
import type { Dataset } from '@/lib/reference/types';

const dataset: Dataset = {
  version: 1,
  documents: [],
  entities: [
    { id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo'], mentions: [], figureIds: [] },
    { id: 'organization:fsa', name: 'Free Syrian Army', type: 'organization', aliases: ['Free Syrian Army'], mentions: [], figureIds: [] },
  ],
  figures: [],
};

test('spans cut only between blocks and cover every block once', () => {
  const text = ['aaaa', 'bbbbbb', 'cc', 'dddddddd', 'e'].join('\n\n');
  const spans = blockSpans(text, 5);
  for (const [s, e] of spans) {
    expect(text.slice(s, e).startsWith('\n')).toBe(false);
    expect(text.slice(s, e).endsWith('\n')).toBe(false);
  }
  expect(spans.map(([s, e]) => text.slice(s, e)).join('\n\n')).toBe(text);
  expect(spans.length).toBeGreaterThan(1);
  expect(blockSpans(text, 10_000)).toEqual([[0, text.length]]);
});

test('matching span by span finds exactly what one pass finds, at the same offsets', () => {
  document.body.innerHTML = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i}: the Free Syrian Army entered Aleppo${i % 3 ? '' : ', Aleppo again'}.</p>`).join('');
  const nodes = Array.from(document.querySelectorAll('p'), (p) => p.firstChild as Text);
  const matcher = createMatcher(dataset);
  const whole = annotateNodes(nodes, matcher);
  const spans = blockSpans(whole.map.text, 200);
  expect(spans.length).toBeGreaterThan(5);
  const pieces = spans.flatMap((span) => matchSpan(whole.map, matcher, span));
  expect(pieces).toEqual(whole.matches);
  for (const m of pieces) expect(whole.map.text.slice(m.start, m.end)).toBe(m.text);
});
