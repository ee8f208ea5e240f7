// Four news reports written for the reference-set tests (fiction: no real place, person or event), on one subject
// — floods in the Valdora valley — as a reader on that beat might collect them. The first three make a set; the
// fourth is the related article a reader opens later. The unit tests build sets from them and the browser tests
// serve them as pages.

export interface TestArticle {
  slug: string;
  title: string;
  publisher: string;
  /** YYYY-MM-DD */
  date: string;
  /** The body, paragraphs separated by blank lines (the title is not repeated here). */
  body: string;
}

export const VALDORA_ARTICLES: TestArticle[] = [
  {
    slug: 'valdora-floods-day-one',
    title: 'Floods sweep through the Valdora valley after record rain',
    publisher: 'Northern Courier',
    date: '2024-10-14',
    body: `CASTELMORA — At least 42 people were killed when the Valdora River burst its banks on Sunday night, Governor Elena Marchetti said on Monday.

Marchetti told reporters in Castelmora that rescue teams from the Valdora River Authority were still searching the lower districts. "The water came faster than any warning," she said.

The National Emergency Agency said more than 3,500 people had been displaced across the valley, most of them from Castelmora and the nearby town of Pontevalle.

Tomas Brennan, the mayor of Pontevalle, said the town's only bridge had been closed. Brennan asked residents to stay on higher ground until the river fell.`,
  },
  {
    slug: 'valdora-authority-warnings',
    title: 'River authority faces questions over flood warnings',
    publisher: 'Valley Times',
    date: '2024-10-16',
    body: `PONTEVALLE — The Valdora River Authority is facing questions over why its flood warnings reached villages hours after the water did.

Governor Elena Marchetti ordered an inquiry on Tuesday. The inquiry will be led by Judge Ines Kowalczyk, a former member of the regional audit court.

Engineers at the authority said sensors on the upper Valdora River failed on Saturday. Tomas Brennan, the mayor of Pontevalle, said the town received its first alert after midnight.

The National Emergency Agency said at least 42 people had been killed and 120 people wounded in the floods.`,
  },
  {
    slug: 'valdora-rebuilding',
    title: 'Castelmora begins to rebuild as flood waters recede',
    publisher: 'Northern Courier',
    date: '2024-10-21',
    body: `CASTELMORA — Residents of Castelmora began clearing mud from their homes on Monday as the Valdora River fell back within its banks.

The National Emergency Agency said more than 3,500 people remained displaced a week after the floods. Governor Elena Marchetti promised emergency grants for families whose homes were destroyed.

Judge Ines Kowalczyk, who leads the inquiry into the Valdora River Authority, said she would hold public hearings in Pontevalle next month.

Tomas Brennan said the bridge at Pontevalle would reopen by the end of the year.`,
  },
  {
    slug: 'valdora-inquiry-hearings',
    title: 'Valdora flood inquiry hears from survivors',
    publisher: 'Valley Times',
    date: '2024-11-12',
    body: `PONTEVALLE — Survivors of the October floods told the inquiry on Tuesday that no warning reached their street before the water did.

Judge Ines Kowalczyk opened the hearings in Pontevalle with a minute of silence for the victims.

Governor Elena Marchetti is due to give evidence next week. The Valdora River Authority has said its sensors failed and that it will publish its own report.

Tomas Brennan, the mayor of Pontevalle, told the inquiry that his town had lost its only bridge and that many families were still living with relatives in Castelmora.

The National Emergency Agency says at least 42 people were killed in the floods and more than 3,500 people were displaced.`,
  },
];

/** The article as the builder reads a document: its headline, a blank line, its body. */
export function articleText(article: TestArticle): string {
  return `${article.title}\n\n${article.body}`;
}

/** The article as a news page: headline, byline with the date, the body, and the page furniture around it. */
export function articlePage(article: TestArticle): string {
  const paragraphs = article.body.split('\n\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${article.title} | ${article.publisher}</title>
  <meta property="og:site_name" content="${article.publisher}">
  <meta property="article:published_time" content="${article.date}T08:00:00Z">
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
  <main>
    <article>
      <h1>${article.title}</h1>
      <p class="byline">By the ${article.publisher} staff · <time datetime="${article.date}">${article.date}</time></p>
      ${paragraphs}
    </article>
    <aside><h2>Most read</h2><ul><li><a href="/a">Local bakery wins national prize</a></li><li><a href="/b">School term dates announced</a></li></ul></aside>
  </main>
  <footer><p>© ${article.publisher}. All rights reserved.</p></footer>
</body>
</html>
`;
}
