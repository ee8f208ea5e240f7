import { describe, expect, it } from 'vitest';
import {
  BLOCK_SEPARATOR, buildTextMap, normalizeText, offsetOfTextPoint, offsetsFromRange, rangeFromOffsets, textPointAt,
} from '../../../lib/text';

/** A document from markup written without whitespace between tags (so every text node is article text). */
function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.innerHTML = html;
  return doc;
}

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

const S = BLOCK_SEPARATOR;

describe('buildTextMap', () => {
  it('joins inline markup directly and separates blocks, so words never glue across blocks', () => {
    const doc = page('<h1>Syria</h1><p><b>Bashar</b> al-<i>Assad</i> said</p><ul><li>one</li><li>two</li></ul><p>end</p>');
    const map = buildTextMap(textNodes(doc.body));
    expect(map.text).toBe(`Syria${S}Bashar al-Assad said${S}one${S}two${S}end`);
  });

  it('separates at <br>, table cells, divs and images, but not at spans, links or emphasis', () => {
    const doc = page('<p>Homs<br>Hama</p><table><tr><td>Idlib</td><td>Deraa</td></tr></table><div><span>Al</span><a href="#">eppo</a></div><p>Da<img src="x">mascus</p>');
    const map = buildTextMap(textNodes(doc.body));
    expect(map.text).toBe(`Homs${S}Hama${S}Idlib${S}Deraa${S}Aleppo${S}Da${S}mascus`);
  });

  it('separates a heading from the paragraph below even when they are nested differently', () => {
    const doc = page('<header><h2><span>Bashar</span></h2></header><section><div><p>al-Assad</p></div></section>');
    expect(buildTextMap(textNodes(doc.body)).text).toBe(`Bashar${S}al-Assad`);
  });

  it('records where each node sits, including empty nodes', () => {
    const doc = page('<p>ab<b></b>cd</p><p>ef</p>');
    const nodes = textNodes(doc.body);
    const empty = doc.createTextNode('');
    doc.querySelector('b')!.append(empty);
    const all = [nodes[0]!, empty, nodes[1]!, nodes[2]!];
    const map = buildTextMap(all);
    expect(map.text).toBe(`abcd${S}ef`);
    expect(map.segments.map((s) => [s.start, s.length])).toEqual([
      [0, 2],
      [2, 0],
      [2, 2],
      [4 + S.length, 2],
    ]);
    for (const s of map.segments) expect(map.text.slice(s.start, s.start + s.length)).toBe(s.node.data);
  });

  it('gives whitespace-only nodes between blocks no separators of their own: one per boundary, before the next text', () => {
    // Source indentation, as in a whole-body map: "Level 2" and "Lorem" are a quote's worth of characters apart
    // in textContent, and must stay about that far apart here.
    const doc = page('\n  <h2>Level 2</h2>\n\n<ol>\n  <li>Lorem</li>\n  <li>ipsum</li>\n</ol>\n');
    const nodes = textNodes(doc.body);
    const map = buildTextMap(nodes);
    expect(map.text).toBe(`\n  Level 2\n\n\n  ${S}Lorem\n  ${S}ipsum\n\n`);
    const separators = map.text.length - nodes.reduce((n, t) => n + t.data.length, 0);
    expect(separators).toBe(2 * S.length);
    for (const seg of map.segments) expect(map.text.slice(seg.start, seg.start + seg.length)).toBe(seg.node.data);
    // Matching reads the same hard break between the blocks as with a separator on each side.
    expect(normalizeText(map.text).text).toBe(' level 2\u2029lorem\u2029ipsum\u2029');
  });

  it('treats nodes out of document order as separated (never glues them)', () => {
    const doc = page('<p>first</p><p>second</p>');
    const [a, b] = textNodes(doc.body);
    expect(buildTextMap([b!, a!]).text).toBe(`second${S}first`);
  });
});

describe('rangeFromOffsets / offsetsFromRange', () => {
  const doc = page('<h1>Syria</h1><p>Forces of <b>Bashar</b> al-<i>Assad</i>’s regime</p><p>Aleppo</p>');
  const map = buildTextMap(textNodes(doc.body));

  it('makes a range spanning several nodes', () => {
    const start = map.text.indexOf('Bashar al-Assad');
    const range = rangeFromOffsets(map, start, start + 'Bashar al-Assad'.length)!;
    expect(range.toString()).toBe('Bashar al-Assad');
    expect(range.startContainer.textContent).toBe('Bashar');
    expect(range.endContainer.textContent).toBe('Assad');
  });

  it('puts a start on a node boundary in the later node and an end on a boundary in the earlier one', () => {
    const at = map.text.indexOf('Bashar');
    const range = rangeFromOffsets(map, at, at + 6)!;
    expect(range.startContainer.textContent).toBe('Bashar');
    expect(range.startOffset).toBe(0);
    expect(range.endContainer.textContent).toBe('Bashar');
    expect(range.endOffset).toBe(6);
  });

  it('round-trips every range whose start is on a character and whose end follows one', () => {
    // A start at the end of a block (or an end at the start of one) names the same DOM point as the far side of
    // the separator, so only offsets that sit on a character of a node are expected to come back unchanged.
    const startsOnText = (i: number) => map.segments.some((s) => i >= s.start && i < s.start + s.length);
    const endsOnText = (i: number) => map.segments.some((s) => i > s.start && i <= s.start + s.length);
    for (let start = 0; start <= map.text.length; start++) {
      for (let end = start + 1; end <= map.text.length; end++) {
        if (!startsOnText(start) || !endsOnText(end)) continue;
        const range = rangeFromOffsets(map, start, end);
        expect(range, `${start}-${end}`).not.toBeNull();
        expect(range!.toString()).toBe(map.text.slice(start, end).split(S).join(''));
        expect(offsetsFromRange(map, range!)).toEqual({ start, end });
      }
    }
  });

  it('moves offsets inside a separator to the neighbouring text, and refuses ranges covering only separators', () => {
    const sep = map.text.indexOf(S);
    const range = rangeFromOffsets(map, sep + 1, map.text.indexOf('Forces') + 6)!;
    expect(range.toString()).toBe('Forces');
    const back = rangeFromOffsets(map, 0, sep + 1)!;
    expect(back.toString()).toBe('Syria');
    expect(rangeFromOffsets(map, sep, sep + S.length)).toBeNull();
  });

  it('places a point of a mapped text node, and nothing for a node outside the map', () => {
    const assad = textNodes(doc.body).find((t) => t.data === 'Assad');
    expect(offsetOfTextPoint(map, assad!, 2)).toBe(map.text.indexOf('Assad') + 2);
    expect(offsetOfTextPoint(map, assad!, 99)).toBe(map.text.indexOf('Assad') + 5);
    expect(offsetOfTextPoint(map, doc.body, 0)).toBeNull();
    expect(offsetOfTextPoint(map, doc.createTextNode('Assad'), 0)).toBeNull();
    // And back: an offset names a node and an offset in it; one inside a separator moves to the next node.
    const at = map.text.indexOf('Assad') + 2;
    expect(textPointAt(map, at)).toEqual({ node: assad, offset: 2 });
    expect(textPointAt(map, map.text.indexOf(S) + 1)).toEqual({ node: textNodes(doc.body)[1], offset: 0 });
    expect(textPointAt(map, map.text.length + 1)).toBeNull();
  });

  it('returns null outside the text', () => {
    expect(rangeFromOffsets(map, -1, 3)).toBeNull();
    expect(rangeFromOffsets(map, 0, map.text.length + 1)).toBeNull();
    expect(rangeFromOffsets(map, 5, 4)).toBeNull();
    expect(rangeFromOffsets(buildTextMap([]), 0, 0)).toBeNull();
  });

  it('reads ranges whose boundaries are elements, or nodes outside the map', () => {
    const p = doc.querySelectorAll('p')[0]!;
    const range = doc.createRange();
    range.setStart(p, 1); // before <b>
    range.setEnd(p, 4); // after <i>
    expect(offsetsFromRange(map, range)).toEqual({ start: map.text.indexOf('Bashar'), end: map.text.indexOf('Assad') + 5 });
    const whole = doc.createRange();
    whole.selectNodeContents(doc.body);
    expect(offsetsFromRange(map, whole)).toEqual({ start: 0, end: map.text.length });
    const outside = page('<p>elsewhere</p>');
    const foreign = outside.createRange();
    foreign.selectNodeContents(outside.body);
    expect(offsetsFromRange(map, foreign)).toBeNull();
  });

  it('looks up offsets by binary search: a handful of segments read per lookup, not a scan', () => {
    const big = page(Array.from({ length: 100 }, (_, i) => `<p>${Array.from({ length: 50 }, (_, j) => `<span>w${i}x${j}</span> `).join('')}</p>`).join(''));
    const bigMap = buildTextMap(textNodes(big.body));
    expect(bigMap.segments.length).toBe(10_000);
    let reads = 0;
    const counted = {
      text: bigMap.text,
      segments: new Proxy(bigMap.segments, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      }),
    };
    for (const index of [0, 1, 4_999, 9_998, 9_999, 7_777]) {
      const seg = bigMap.segments[index]!;
      reads = 0;
      const r = rangeFromOffsets(counted, seg.start, seg.start + seg.length)!;
      expect(r.startContainer).toBe(seg.node);
      expect(r.toString()).toBe(seg.node.data);
      expect(reads).toBeLessThan(64);
    }
  });
});
