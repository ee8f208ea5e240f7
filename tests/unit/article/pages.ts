// Pages the article tests build themselves: a story inside the clutter of a real news page, where the
// clutter names the same places and people as the story, so only structure can tell them apart.

export const HEADLINE = 'Aid convoy reaches besieged district of Aleppo after weeks of talks';

export const PARAGRAPHS = [
  'A convoy of forty trucks carrying food and medicine reached the eastern district of Aleppo on Tuesday, the first to arrive since the siege began, according to officials of the United Nations.',
  'Residents gathered in the rubble-strewn streets as the trucks arrived, many of them carrying empty sacks and containers, and volunteers began unloading flour within minutes of the convoy stopping.',
  'The Syrian Observatory for Human Rights said that at least twelve people had been killed in the district during the previous week, most of them by shelling on the northern edge of the old city.',
  'Negotiators in Damascus had spent three weeks discussing the route, which crosses two front lines, and the agreement was only confirmed late on Monday evening after a final round of calls.',
  'Aid workers said that the supplies would last for about a month, and warned that a second convoy would be needed before winter if the road stayed open to humanitarian traffic.',
];

export const CLUTTER = {
  menu: 'Aleppo Damascus Homs Refugees',
  sidebar: 'Most read: Damascus talks stall as refugees wait at the border for news of the convoy',
  related: 'Related: Homs residents describe a winter without fuel as the siege goes on',
  comments: 'Comment by reader: The United Nations should have acted on Aleppo months ago, in my view.',
  footer: 'Copyright Example News. Coverage of Syria, Aleppo and the United Nations since 1990.',
  cookie: 'We use cookies to show you news about Aleppo and Damascus. Accept all cookies to continue.',
  newsletter: 'Sign up for our Syria briefing newsletter with the latest from Aleppo every morning.',
  caption: 'Trucks wait at a checkpoint outside Aleppo. Photograph: Agency',
  byline: 'By Jane Reporter, Middle East correspondent',
  date: 'Published 10:02 AM EST Nov 19, 2019',
} as const;

export type Markup = 'article' | 'itemprop' | 'plain' | 'json-ld';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A full news page around the story, in one of several markups for the story container. */
export function newsPage(markup: Markup, paragraphs: readonly string[] = PARAGRAPHS): string {
  const body = paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const story = `
      <div class="story-meta"><span class="byline">${CLUTTER.byline}</span> <time>${CLUTTER.date}</time></div>
      <figure><img src="x.jpg" alt=""><figcaption>${CLUTTER.caption}</figcaption></figure>
      ${body.replace('</p>\n<p>', `</p>\n<aside class="related"><a href="/r">${CLUTTER.related}</a></aside>\n<p>`)}
      <div class="newsletter-signup"><p>${CLUTTER.newsletter}</p><form><input type="email"><button>Sign up</button></form></div>`;
  const container =
    markup === 'itemprop'
      ? `<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">${HEADLINE}</h1><div itemprop="articleBody">${story}</div></div>`
      : markup === 'article' || markup === 'json-ld'
        ? `<article><h1>${HEADLINE}</h1>${story}</article>`
        : `<div class="main"><div class="col"><h1>${HEADLINE}</h1><div class="txt">${story}</div></div></div>`;
  const jsonLd =
    markup === 'json-ld'
      ? `<script type="application/ld+json">${JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline: HEADLINE,
          articleBody: paragraphs.join('\n\n'),
        })}</script>`
      : '';
  return `<!doctype html><html><head><title>${HEADLINE} | Example News</title>
    <meta property="og:title" content="${HEADLINE}">${jsonLd}
    <style>.x { color: red }</style><script>var tracking = "Aleppo Damascus";</script></head>
  <body>
    <div id="cookie-banner" class="gdpr-consent">${CLUTTER.cookie} <button>Accept</button></div>
    <header class="site-header"><nav class="menu"><ul>${CLUTTER.menu
      .split(' ')
      .map((w) => `<li><a href="/${w}">${w}</a></li>`)
      .join('')}</ul></nav></header>
    <main>
      ${container}
      <section id="comments" class="comments"><div class="comment"><p>${CLUTTER.comments}</p></div></section>
    </main>
    <div class="sidebar"><h3>Most read</h3><ol><li><a href="/1">${CLUTTER.sidebar}</a></li></ol></div>
    <footer class="site-footer"><p>${CLUTTER.footer}</p></footer>
  </body></html>`;
}

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
