import { describe, expect, it } from 'vitest';
import { articleText } from '../../../lib/article';
import { isDateLine } from '../../../lib/article/prune';

function textNodes(html: string): Text[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out: Text[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

describe('articleText', () => {
  it('separates blocks so that words never glue, and keeps inline markup inside a word', () => {
    expect(articleText(textNodes('<p>end.</p><p>Next <b>Ass</b>ad</p><ul><li>one</li><li>two</li></ul>'))).toBe(
      'end.\nNext Assad\none\ntwo',
    );
  });

  it('turns a <br> into a line break, even before inline markup', () => {
    expect(articleText(textNodes('<p>1. Finland<br>2. Norway<br><b>3.</b> Australia</p>'))).toBe(
      '1. Finland\n2. Norway\n3. Australia',
    );
  });
});

describe('isDateLine', () => {
  it('recognises lines that only say when a story was published', () => {
    for (const line of ['Published 11:11 PM EST Nov 19, 2019', 'November 19, 2019 at 9:45 am', 'Updated 1 day ago', 'Nov. 20, 2019 5:52 AM EST']) {
      expect(isDateLine(line), line).toBe(true);
    }
  });

  it('keeps sentences that contain a date', () => {
    for (const line of ['The convoy arrived on November 19, 2019', 'Published in 2019, the report found 70,000 dead', 'Today']) {
      expect(isDateLine(line), line).toBe(false);
    }
  });
});
