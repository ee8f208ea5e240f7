import { describe, expect, test } from 'vitest';
import { MARK_TAG, wrapRanges } from '@/lib/highlight/wrap';

function snapshot(root: Node) {
  const nodes: Node[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let n: Node | null = w.currentNode; n; n = w.nextNode()) nodes.push(n);
  return { nodes, html: (root as Element).innerHTML, data: nodes.filter((n) => n.nodeType === 3).map((n) => (n as Text).data) };
}

describe('wrapping fallback', () => {
  test('wraps each range in marks by category and undo restores the exact DOM: same nodes, same data', () => {
    document.body.innerHTML = '<article><p>The UN said <em>Aleppo</em> and Homs were shelled.</p><p>Mr Assad spoke.</p></article>';
    const article = document.querySelector('article')!;
    const before = snapshot(article);
    const [p1, p2] = Array.from(article.querySelectorAll('p'));
    const t1 = p1!.firstChild as Text;
    const em = p1!.querySelector('em')!.firstChild as Text;
    const tail = p1!.lastChild as Text;
    const r = (n: Node, s: number, e: number, en: Node = n) => {
      const x = document.createRange();
      x.setStart(n, s);
      x.setEnd(en, e);
      return x;
    };
    const clicks: string[] = [];
    p1!.addEventListener('click', () => clicks.push('p1'));

    const wrapped = wrapRanges(document, [
      { range: r(t1, 4, 6), category: 'organization' }, // "UN"
      { range: r(em, 0, 6), category: 'place' }, // a whole node
      { range: r(tail, 5, 9), category: 'place' }, // "Homs", same node as text after it
      { range: r(p2!.firstChild!, 0, 8), category: 'person' },
    ]);
    const marks = Array.from(article.querySelectorAll(MARK_TAG));
    expect(marks.map((m) => [m.textContent, m.getAttribute('data-category')])).toEqual([
      ['UN', 'organization'], ['Aleppo', 'place'], ['Homs', 'place'], ['Mr Assad', 'person'],
    ]);
    expect(wrapped.ranges.map((x) => x?.toString())).toEqual(['UN', 'Aleppo', 'Homs', 'Mr Assad']);
    expect(article.textContent).toBe('The UN said Aleppo and Homs were shelled.Mr Assad spoke.');
    (marks[0] as HTMLElement).click();
    expect(clicks).toEqual(['p1']); // the page's listeners still see clicks on highlighted text

    wrapped.undo();
    const after = snapshot(article);
    expect(after.html).toBe(before.html);
    expect(after.nodes).toEqual(before.nodes); // identity: the page's own Text objects, not look-alikes
    expect(after.data).toEqual(before.data);
  });

  test('a range across several text nodes gets one mark per node and unwraps cleanly', () => {
    document.body.innerHTML = '<p>Bashar <b>al-</b>Assad said</p>';
    const p = document.querySelector('p')!;
    const before = snapshot(p);
    const range = document.createRange();
    range.setStart(p.firstChild!, 0);
    range.setEnd(p.lastChild!, 5);
    const wrapped = wrapRanges(document, [{ range, category: 'person' }]);
    expect(Array.from(p.querySelectorAll(MARK_TAG)).map((m) => m.textContent)).toEqual(['Bashar ', 'al-', 'Assad']);
    expect(wrapped.ranges[0]!.toString()).toBe('Bashar al-Assad');
    wrapped.undo();
    expect(snapshot(p)).toEqual(before);
  });

  test('undo copes with the page having removed wrapped content meanwhile', () => {
    document.body.innerHTML = '<div><p id="a">Aleppo</p><p id="b">Homs</p></div>';
    const r = (id: string) => {
      const x = document.createRange();
      x.selectNodeContents(document.getElementById(id)!.firstChild!);
      return x;
    };
    const wrapped = wrapRanges(document, [{ range: r('a'), category: 'place' }, { range: r('b'), category: 'place' }]);
    document.getElementById('a')!.remove();
    wrapped.undo();
    expect(document.body.innerHTML).toBe('<div><p id="b">Homs</p></div>');
  });
});
