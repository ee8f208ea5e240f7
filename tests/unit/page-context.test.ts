// The page's language and date, read from its document for the figures (lib/page-context.ts).
import { describe, expect, it } from 'vitest';
import { readPageContext } from '../../lib/page-context';

function doc(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('readPageContext', () => {
  it('reads the language and the publication date from the usual metadata', () => {
    expect(readPageContext(doc('<html lang="de-AT"><head><meta property="article:published_time" content="2013-03-16T08:00:00+01:00"></head><body></body></html>'))).toEqual({
      lang: 'de-AT',
      date: '2013-03-16',
    });
    expect(readPageContext(doc('<html><head><meta http-equiv="Content-Language" content="fr"><meta name="parsely-pub-date" content="2012-07-20"></head></html>'))).toEqual({
      lang: 'fr',
      date: '2012-07-20',
    });
  });

  it('falls back to structured data and to the article’s time element', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', datePublished: '2014-08-23T10:00:00Z' }] });
    expect(readPageContext(doc(`<html><head><script type="application/ld+json">${ld}</script></head></html>`)).date).toBe('2014-08-23');
    expect(readPageContext(doc('<html><body><article><time datetime="2012-11-05">Nov 5</time></article></body></html>')).date).toBe('2012-11-05');
  });

  it('says nothing it cannot read: broken JSON-LD, a malformed language, no date', () => {
    expect(readPageContext(doc('<html lang="not a language"><head><script type="application/ld+json">{broken</script></head></html>'))).toEqual({});
  });

  it('changes nothing on the page', () => {
    const d = doc('<html lang="en"><head><meta name="date" content="2013-03-16"></head><body><p>x</p></body></html>');
    const before = d.documentElement.outerHTML;
    readPageContext(d);
    expect(d.documentElement.outerHTML).toBe(before);
  });
});

describe('the pipeline reads figures with the page’s language and date', () => {
  it('passes them from the document to the matcher', async () => {
    const { annotateDocument } = await import('../../lib/annotate-document');
    const { createMatcher } = await import('../../lib/match');
    const reference = {
      version: 1 as const,
      documents: [],
      entities: [
        { id: 'place:syria', name: 'Syria', type: 'place' as const, placeKind: 'country' as const, aliases: ['Syria'], mentions: [], figureIds: [] },
        { id: 'organization:un', name: 'United Nations', type: 'organization' as const, aliases: ['United Nations', 'UN'], mentions: [], figureIds: [] },
      ],
      figures: [
        {
          id: 'figure:toll', value: 70000, qualifier: 'more than' as const, unit: 'people', counts: 'people killed', label: 'more than 70,000 people killed',
          asOf: '2013-03-16', scope: 'total' as const, placeId: 'place:syria', attributedToId: 'organization:un', entityIds: ['place:syria', 'organization:un'], mentions: [],
        },
      ],
    };
    const page = (lang: string, date: string) =>
      doc(`<html lang="${lang}"><head><meta property="article:published_time" content="${date}"></head><body><article><h1>Syria</h1>
        <p>The UN says more than 70.000 people have been killed in Syria.</p><p>The UN says 60.000 people have been killed in Syria.</p></article></body></html>`);
    const figures = async (d: Document) => (await annotateDocument(d, createMatcher(reference)))!.matches.filter((m) => m.figure).map((m) => [m.text, m.figure!.verdict]);
    expect(await figures(page('de', '2013-03-18'))).toEqual([
      ['more than 70.000 people', 'matches'],
      ['60.000 people', 'differs'],
    ]);
    // The same text on an English page: "70.000" could be seventy, so it is not read at all.
    expect(await figures(page('en', '2013-03-18'))).toEqual([]);
    // A year later the same German page's counts are later statements of the total, not contradictions.
    expect((await figures(page('de', '2014-03-18'))).map(([, v]) => v)).toEqual(['later']);
  });
});
