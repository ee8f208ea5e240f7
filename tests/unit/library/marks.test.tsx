// The searched words marked in a note's text, quote and title: drawn with as little around each mark as can be, and
// exactly the marks, links and text nodes the straightforward drawing (a component and a fragment per part) made.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Fragment, render } from 'preact';
import { act } from 'preact/test-utils';
import { RichText } from '@/components/RichText';
import { FoldedText } from '@/components/FoldedText';
import { findWords, foldPoint, richText, type TextPart, type TextSegment } from '@/lib/notes/rich-text';
import { parseQuery } from '@/lib/notes/search';

// The drawing as it was: each part a keyed fragment or mark inside a component per segment.
function PlainParts({ parts }: { parts: readonly TextPart[] }) {
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}</>;
}
function PlainRichText({ segments }: { segments: readonly TextSegment[] }) {
  return <>{segments.map((s, i) => (s.href ? <a key={i} href={s.href} target="_blank" rel="noopener noreferrer"><PlainParts parts={s.parts} /></a> : <PlainParts key={i} parts={s.parts} />))}</>;
}

/** The nodes as a reader's browser has them: elements with their attributes, and each text node on its own. */
function nodes(root: Node): string {
  return [...root.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? `"${n.textContent}"` : `<${(n as Element).tagName.toLowerCase()} ${[...(n as Element).attributes].map((a) => `${a.name}=${a.value}`).join(' ')}>${nodes(n)}</>`)).join('');
}

const piece = fc.constantFrom('s', 'Syria', 'aleppo ', 'Alép', 'ß', ' ', '\n', 'https://news.example/a?q=s ', '(https://x.example/s)', '😀', 'حلب', '叙利亚', 'ss', '´', '.', 'S');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
const query = fc.array(fc.constantFrom('s', 'a', 'ss', 'alep', 'syria', 'é', 'ß', 'x', 'https', 'حلب', '😀', '#s', '.'), { maxLength: 3 }).map((w) => w.join(' '));

describe('searched words marked', () => {
  test('draws the same marks, links and text nodes as a fragment per part did, key after key', () => {
    const mine = document.createElement('div');
    const plain = document.createElement('div');
    fc.assert(
      fc.property(text, fc.array(query, { minLength: 1, maxLength: 4 }), (t, queries) => {
        for (const q of queries) {
          const segments = richText(t, parseQuery(q).words);
          render(<RichText segments={segments} />, mine);
          render(<PlainRichText segments={segments} />, plain);
          expect(nodes(mine)).toBe(nodes(plain));
        }
        render(null, mine);
        render(null, plain);
      }),
      { numRuns: 300 },
    );
  });

  test('a long text unfolds by itself exactly when a marked word lies in its folded part', () => {
    const long = fc.array(piece, { minLength: 20, maxLength: 120 }).map((p) => p.join(''));
    fc.assert(
      fc.property(long, query, fc.constantFrom<'quote' | 'note'>('quote', 'note'), (t, q, kind) => {
        const words = parseQuery(q).words;
        const cut = foldPoint(t, 120);
        const root = document.createElement('div');
        act(() => render(<FoldedText text={t} words={words} kind={kind} foldAt={120} />, root));
        const toggle = root.querySelector('button.bs-fold');
        expect(toggle !== null).toBe(cut !== null);
        if (cut !== null) expect(toggle!.getAttribute('aria-expanded')).toBe(String(findWords(t, words).some(([, end]) => end > cut)));
        act(() => render(null, root));
      }),
      { numRuns: 200 },
    );
  });
});
