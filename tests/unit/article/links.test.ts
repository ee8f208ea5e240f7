// Links inside a story's sentences are the story's words, whatever the publisher calls them: a large
// newspaper classes its topic links "meta", and dropping them loses the first mention of a name. Blocks
// that are boilerplate by name (a metadata line, a caption box) still go, and so does text for screen
// readers only.
import { describe, expect, it } from 'vitest';
import { articleText, detectArticle, type DetectOptions } from '../../../lib/article';
import { load, storyPage, CONTAINER_PATHS } from './story-pages';
import { PARAGRAPHS } from './pages';

const PATHS = CONTAINER_PATHS;

const LINK_CLASSES = ['topic-meta', 'meta', 'css-1x0meta', 'entity-link metadata', 'story-meta__link', 'related-link', 'byline-link'];

// Each sentence names someone through a topic link; the class names are what publishers use.
function sentenceWith(cls: string, i: number): { html: string; text: string } {
  const name = ['Bashar al-Assad', 'Staffan de Mistura', 'the Syrian Observatory for Human Rights', 'Deir ez-Zor', 'Jabhat al-Nusra', 'the Free Syrian Army', 'Lakhdar Brahimi'][i % 7]!;
  const before = 'Officials said on Tuesday that ';
  const after = ` had been told of the convoy's route before it left the capital, according to a statement read out at noon.`;
  return {
    html: `<p>${before}<a class="${cls}" href="/topic/${i}">${name}</a>${after}</p>`,
    text: `${before}${name}${after}`,
  };
}

describe.each(PATHS)('entity links inside sentences (%s, %o)', (container, options) => {
  it('keeps every linked name, whatever the link is classed', () => {
    const sentences = LINK_CLASSES.map(sentenceWith);
    const html = storyPage({ container, paragraphs: [...PARAGRAPHS.map((p) => `<p>${p}</p>`), ...sentences.map((s) => s.html)] });
    const text = articleText(detectArticle(load(html), options).nodes);
    for (const s of sentences) expect(text).toContain(s.text);
  });

  it('keeps a linked name wrapped in a span named like metadata, and a date in a sentence', () => {
    const sentence = 'The envoy met <a href="/topic/assad"><span class="meta-entity">Bashar al-Assad</span></a> in Damascus on <time datetime="2024-03-05">5 March</time>, his office said.';
    const html = storyPage({ container, paragraphs: [`<p>${sentence}</p>`, ...PARAGRAPHS.map((p) => `<p>${p}</p>`)] });
    const text = articleText(detectArticle(load(html), options).nodes);
    expect(text).toContain('The envoy met Bashar al-Assad in Damascus on 5 March, his office said.');
  });

  it('still leaves out a metadata block, a caption box and text for screen readers', () => {
    const html = storyPage({
      container,
      paragraphs: [
        '<div class="story-meta"><a href="/by/jane">Jane Reporter</a> in Beirut, updated 10:02</div>',
        `<p>${PARAGRAPHS[0]}</p>`,
        '<div class="inline-image"><img src="x.jpg" alt=""><span class="caption">Trucks at the crossing. Photograph: Agency</span></div>',
        ...PARAGRAPHS.slice(1).map((p) => `<p>${p}</p>`),
        '<p>Read the statement <a href="/statement">in full<span class="visually-hidden"> (opens in a new window)</span></a> on the agency’s site.</p>',
      ],
    });
    const text = articleText(detectArticle(load(html), options).nodes);
    for (const p of PARAGRAPHS) expect(text).toContain(p);
    expect(text).not.toContain('Jane Reporter');
    expect(text).not.toContain('Trucks at the crossing');
    expect(text).not.toContain('opens in a new window');
    expect(text).toContain('Read the statement in full on the agency’s site.');
  });
});
