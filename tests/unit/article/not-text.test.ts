// The one rule for what is never article text, read by the detector, by living pages (text added later)
// and by note anchoring (selectable text outside the article): each sees the same elements the same way.
import { expect, it } from 'vitest';
import { FURNITURE_SELECTOR, isExcludedText, isPageText } from '../../../lib/article';
import { NEVER_ARTICLE_TAGS, NOT_PAGE_TEXT_TAGS } from '../../../lib/article/filter';
import { articleScope, isArticleAddition } from '../../../lib/page/living';

function textIn(html: string, selector: string): Text {
  document.body.innerHTML = `<article><p>Story text that is plainly the article.</p>${html}</article>`;
  const el = document.querySelector(selector)!;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text;
}

const story = () => document.querySelector('article > p')!.firstChild as Text;

it('never takes code, form controls, hidden or editable text for article text, first render or later', () => {
  const cases: [string, string][] = [
    ['<pre>PRE</pre>', 'pre'],
    ['<p>See <code>CODE</code></p>', 'code'],
    ['<textarea>FIELD</textarea>', 'textarea'],
    ['<select><option>OPTION</option></select>', 'option'],
    ['<button>BUTTON</button>', 'button'],
    ['<div hidden><p>HIDDEN</p></div>', 'div[hidden] p'],
    ['<div aria-hidden="true"><p>ARIA</p></div>', 'div p'],
    ['<div style="display: none"><p>STYLE</p></div>', 'div p'],
    ['<div contenteditable="true"><p>EDIT</p></div>', 'div p'],
  ];
  for (const [html, selector] of cases) {
    const text = textIn(html, selector);
    expect(isExcludedText(text), html).toBe(true);
    expect(isArticleAddition(text, articleScope([story(), text])), html).toBe(false);
  }
  expect(isArticleAddition(story(), articleScope([story()]))).toBe(true);
});

it('tells text a reader can select (for notes outside the article) from text that is never rendered', () => {
  for (const tag of ['script', 'style', 'noscript', 'textarea']) {
    expect(isPageText(textIn(`<${tag}>x</${tag}>`, tag)), tag).toBe(false);
  }
  // Code and a button's label are on the page (a reader may quote them) though never article text.
  expect(isPageText(textIn('<pre>PRE</pre>', 'pre'))).toBe(true);
  expect(isPageText(textIn('<button>Go</button>', 'button'))).toBe(true);
  expect(isPageText(story())).toBe(true);
  for (const tag of NOT_PAGE_TEXT_TAGS) expect(NEVER_ARTICLE_TAGS.has(tag), tag).toBe(true);
});

it('text added later in page furniture inside the article is not article text', () => {
  for (const tag of FURNITURE_SELECTOR.split(',').filter((s) => /^[a-z]+$/.test(s))) {
    const text = textIn(`<${tag}><p>Furniture</p></${tag}><p>More story.</p>`, `${tag} p`);
    const scope = articleScope([story(), document.querySelector('article > p:last-child')!.firstChild as Text]);
    expect(scope, tag).toBe(document.querySelector('article'));
    expect(isArticleAddition(text, scope), tag).toBe(false);
  }
});
