// Hand-written pages for where a story ends: what publishers put after its last sentence (boilerplate
// tails), the site's other stories set under it (galleries of briefs), and links inside its sentences
// whatever the publisher calls them. Built around the story of pages.ts, in each kind of container the
// detector meets, so that every rule is held on the fast path and on Readability's.
import { JSDOM } from 'jsdom';
import type { DetectOptions } from '../../../lib/article';
import { HEADLINE, PARAGRAPHS } from './pages';

export type Container = 'article' | 'itemprop' | 'plain';

/** Each kind of story container through the fast path, and the two Readability meets most. */
export const CONTAINER_PATHS: [Container, DetectOptions][] = [
  ['article', {}],
  ['itemprop', {}],
  ['plain', {}],
  ['article', { fastPath: false }],
  ['plain', { fastPath: false }],
];

export const PAGE_URL = 'https://news.example.com/world/2024/aid-convoy-aleppo';

export interface StoryParts {
  container: Container;
  /** The story's paragraphs, as HTML (default: the paragraphs of pages.ts). */
  paragraphs?: readonly string[];
  /** HTML inside the story's container, after its last paragraph. */
  after?: string;
  /** HTML after the story's container, inside the page's main column. */
  below?: string;
}

/** A news page around the story, with the given tail inside its container and content below it. */
export function storyPage({ container, paragraphs = PARAGRAPHS.map((p) => `<p>${p}</p>`), after = '', below = '' }: StoryParts): string {
  const body = `${paragraphs.join('\n')}\n${after}`;
  const story =
    container === 'itemprop'
      ? `<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">${HEADLINE}</h1><div itemprop="articleBody">${body}</div></div>`
      : container === 'article'
        ? `<article><h1>${HEADLINE}</h1>${body}</article>`
        : `<div class="col"><h1>${HEADLINE}</h1><div class="txt">${body}</div></div>`;
  return `<!doctype html><html><head><title>${HEADLINE} | Example News</title></head>
  <body>
    <header class="site-header"><nav><a href="/">Example News</a> <a href="/world">World</a></nav></header>
    <main><div class="main">${story}${below}</div></main>
    <footer class="site-footer"><p>Example News, 1 Example Street.</p></footer>
  </body></html>`;
}

/** Lines publishers set after a story's last sentence, each as it commonly appears. */
export const TAIL = {
  follow: '<p>Follow us on Facebook and Instagram for the latest from the region.</p>',
  contact:
    '<p>Have a tip? Jane Reporter can be reached at jane.reporter@news.example.com. Follow her on Twitter <a href="https://twitter.com/janereporter">@janereporter</a>.</p>',
  newsletter: '<p>Get our Middle East briefing every weekday morning. <a href="/newsletters/middle-east">Sign up here</a>.</p>',
  appPromo: '<p><strong>Read more:</strong> <a href="https://www.facebook.com/examplenews">Example News on Facebook</a></p>',
  photoCredit: '<p>Photo: Local Coordination Committees of Syria</p>',
  copyright: '<p>© 2024 Example News. All rights reserved.</p>',
  label: '<h3>More from Example News</h3>',
  cookie: "<p>This website uses cookies to improve your experience. We'll assume you're fine with that.</p>",
  headlineList:
    '<h4>More on Syria</h4><ul>' +
    ['Talks on the northern crossing resume in Geneva', 'Winter shelters open in Idlib camps', 'Water station repaired after months of outages', 'Teachers return to schools in Deir ez-Zor']
      .map((t, i) => `<li><a href="/world/2024/brief-${i}">${t}</a></li>`)
      .join('') +
    '</ul>',
} as const;

/** Words of each tail line that no story paragraph shares. */
export const TAIL_MARKERS: Record<keyof typeof TAIL, string> = {
  follow: 'Facebook and Instagram',
  contact: 'jane.reporter@news.example.com',
  newsletter: 'Middle East briefing',
  appPromo: 'Example News on Facebook',
  photoCredit: 'Coordination Committees',
  copyright: 'All rights reserved',
  label: 'More from Example News',
  cookie: 'uses cookies',
  headlineList: 'northern crossing',
};

// Briefs: the site's other stories, each a headline and a summary of a sentence or two, on subjects far
// from the story's (so that any brief text in the result is plainly a brief).
const TOWNS = ['Bergen', 'Cork', 'Graz', 'Ghent', 'Turku', 'Porto', 'Lyon', 'Gdansk', 'Malmo', 'Leeds'];
const SUBJECTS = ['tram line', 'harbour wall', 'library', 'cycle lane', 'market hall', 'ferry', 'concert hall', 'bus depot', 'ski jump', 'fish market'];

export interface Brief {
  href: string;
  title: string;
  summary: string;
}

export function briefs(count: number, hrefOf: (i: number) => string = (i) => `/local/2024/brief-${i}`): Brief[] {
  return Array.from({ length: count }, (_, i) => {
    const town = TOWNS[i % TOWNS.length]!;
    const subject = SUBJECTS[(i * 3 + Math.floor(i / TOWNS.length)) % SUBJECTS.length]!;
    return {
      href: hrefOf(i),
      title: `${town} council delays its ${subject} vote (${i + 1})`,
      summary: `Councillors in ${town} put off a decision on the ${subject} until the spring, saying the costs presented in item ${i + 1} were out of date and residents had not been heard.`,
    };
  });
}

export type GalleryLayout = 'cards' | 'flat' | 'list' | 'articles';

/** A gallery of briefs in one of the layouts sites use. */
export function gallery(items: readonly Brief[], layout: GalleryLayout, heading = 'Latest news'): string {
  const head = `<h2>${heading}</h2>`;
  switch (layout) {
    case 'cards':
      return `<section class="river">${head}${items
        .map(
          (b) =>
            `<div class="card"><a href="${b.href}"><img src="/img/${b.href.length}.jpg" alt=""></a><h3><a href="${b.href}">${b.title}</a></h3><p>${b.summary}</p><span class="ago">2 hours ago</span></div>`,
        )
        .join('')}</section>`;
    case 'flat':
      return `<div class="river">${head}${items.map((b) => `<h3><a href="${b.href}">${b.title}</a></h3><p>${b.summary}</p>`).join('')}</div>`;
    case 'list':
      return `<div class="river">${head}<ul>${items
        .map((b) => `<li><h3><a href="${b.href}">${b.title}</a></h3><p>${b.summary}</p></li>`)
        .join('')}</ul></div>`;
    case 'articles':
      return `<section class="river">${head}${items
        .map((b) => `<article><h3><a href="${b.href}">${b.title}</a></h3><p>${b.summary}</p></article>`)
        .join('')}</section>`;
  }
}

/** The page as a document at PAGE_URL, so that links resolve as on the site. */
export function load(html: string): Document {
  return new JSDOM(html, { url: PAGE_URL }).window.document;
}
