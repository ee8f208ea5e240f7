// Boilerplate tails: the lines publishers set after a story's last sentence are not the story, on every
// path; story lines that merely look like them (a last paragraph naming Twitter, an embedded post with its
// handle, a sentence introducing a quote) stay.
import { describe, expect, it } from 'vitest';
import { articleText, detectArticle, type DetectOptions } from '../../../lib/article';
import { isTailBoilerplate } from '../../../lib/article/tail';
import { PARAGRAPHS } from './pages';
import { load, storyPage, TAIL, TAIL_MARKERS, CONTAINER_PATHS } from './story-pages';

const PATHS = CONTAINER_PATHS;

function textOf(html: string, options: DetectOptions): string {
  return articleText(detectArticle(load(html), options).nodes);
}

describe.each(PATHS)('a boilerplate tail inside a %s container (options %o)', (container, options) => {
  it.each(Object.keys(TAIL) as (keyof typeof TAIL)[])('leaves out a trailing %s line and keeps the story', (kind) => {
    const text = textOf(storyPage({ container, after: TAIL[kind] }), options);
    for (const p of PARAGRAPHS) expect(text).toContain(p);
    expect(text).not.toContain(TAIL_MARKERS[kind]);
  });

  it('leaves out a tail of every kind at once, in any order', () => {
    const kinds = Object.keys(TAIL) as (keyof typeof TAIL)[];
    for (const order of [kinds, [...kinds].reverse()]) {
      const text = textOf(storyPage({ container, after: order.map((k) => TAIL[k]).join('\n') }), options);
      for (const p of PARAGRAPHS) expect(text).toContain(p);
      for (const k of kinds) expect(text, k).not.toContain(TAIL_MARKERS[k]);
    }
  });
});

describe('story lines that look like a tail stay', () => {
  it.each(PATHS)('keeps a last paragraph that names social networks in a sentence (%s, %o)', (container, options) => {
    const last =
      'Facebook did not respond to a request for comment, and the ministry’s Twitter account, which had posted hourly updates during the siege, was silent.';
    const text = textOf(storyPage({ container, after: `<p>${last}</p>` }), options);
    expect(text).toContain(last);
  });

  it.each(PATHS)("keeps the reporters' credit that ends a wire story, and drops what follows it (%s, %o)", (container, options) => {
    const credit = 'Associated Press writer Jane Stringer in Damascus, Syria, contributed to this report.';
    const text = textOf(storyPage({ container, after: `<p>${credit}</p>${TAIL.copyright}` }), options);
    expect(text).toContain(credit);
    expect(text).not.toContain(TAIL_MARKERS.copyright);
  });

  it.each(PATHS)('keeps an embedded post at the end, handle and links included (%s, %o)', (container, options) => {
    const intro = 'The head of the aid agency wrote on his account:';
    const quote = 'The convoy is through. Forty trucks, no losses. Thank you to every driver.';
    const embed = `<p>${intro}</p><blockquote class="embedded-post"><p>${quote}</p>— Aid Chief (<a href="https://twitter.com/aidchief">@aidchief</a>) <a href="https://twitter.com/aidchief/status/1">March 5, 2024</a></blockquote>`;
    const text = textOf(storyPage({ container, after: embed }), options);
    expect(text).toContain(intro);
    expect(text).toContain(quote);
  });

  it('keeps a story that ends in short lines, and leaves out headings with nothing under them', () => {
    const places = ['The old city of Aleppo', 'The northern suburbs of Homs', 'The road south to Hama'];
    const html = (tail: string) =>
      storyPage({ container: 'article', after: ['<p>Where the trucks went next:</p>', ...places.map((l) => `<p>${l}</p>`), tail].join('') });
    for (const tail of ['', '<h4>More on the siege</h4><h4>Latest from Aleppo</h4>', '<p>Follow our coverage of the war on Facebook.</p>']) {
      const text = textOf(html(tail), {});
      for (const line of ['Where the trucks went next:', ...places]) expect(text).toContain(line);
      expect(text).not.toMatch(/More on the siege|Latest from Aleppo|coverage of the war/);
    }
  });
});

describe('isTailBoilerplate', () => {
  it.each([
    'Follow us on Facebook and Twitter for the latest.',
    'Sign up for our daily newsletter.',
    'Get the latest headlines in your inbox every morning.',
    'Email the author at someone@news.example.com.',
    'Find her on Instagram at @reporter_handle',
    '© 2024 Example News. All rights reserved.',
    'Copyright 2024 Example Broadcasting',
    'Photo: Syrian Civil Defence',
    'SOURCE: Example Agency',
    '(Image credit: Example Agency)',
    'twitter.com/reporter',
    'If you enjoyed this story, share it with a friend.',
  ])('is true for %j', (line) => {
    expect(isTailBoilerplate(line, null)).toBe(true);
  });

  it.each([
    'Residents said they would follow the talks closely on the radio.',
    'The convoy was followed by a second one on Thursday.',
    'The agency said the road was reopened in time for the convoy.',
    'He was photographed at the crossing on Monday.',
    // Reporters' credits name people and places a reader may want annotated.
    'Associated Press writer A. Stringer in Damascus, Syria, contributed to this report.',
    '(Reporting by A. Writer in Beirut; Editing by B. Editor)',
    'Officials said 12 people had been killed, most of them by shelling.',
    // A long paragraph with a call to action inside it is story text, not a tail line.
    `${PARAGRAPHS[0]} ${PARAGRAPHS[1]} Readers can sign up for alerts.`,
  ])('is false for %j', (line) => {
    expect(isTailBoilerplate(line, null)).toBe(false);
  });
});
