// A news page whose markup does not settle the article: JSON-LD that describes another text beside its <article>,
// so the markup is not trusted and Readability decides (the content script then loads it: lib/page/parts.ts).
const OTHER_STORY = 'A different story altogether, about the weather in another country and nothing else at all. '.repeat(8);

export function withUnsettledMarkup(html: string): string {
  const ld = `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', articleBody: OTHER_STORY })}</script>`;
  if (!html.includes('</head>')) throw new Error('withUnsettledMarkup: the page has no </head>');
  return html.replace('</head>', `${ld}</head>`);
}
