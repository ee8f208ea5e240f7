// Other items beside the story. HTML's <article> is "a self-contained composition": a story, and also each
// teaser of a related-stories box, each comment, each card of a feed. When the page's headline sits in an
// <article>, that element is the story; text an extractor took from <article> elements outside it is
// another item's (a teaser glued after the story, a comment), however much it reads like prose.
// Articles inside the story's own <article> (a live blog's entries) stay: they are its parts. With less than
// a story's worth of text left, the headline's <article> is not where the story is (a header card, say): the
// extractor's answer stands.
import { MIN_STORY_CHARS } from './size';

/** `body` less the text of <article> elements that neither hold nor sit inside the headline's <article>. */
export function withinHeadlineArticle(body: readonly Text[], headline: Element | null): Text[] {
  // `headline` is the headline element, or any element inside it.
  const story = headline?.closest('article');
  if (!story) return [...body];
  const otherItem = new Map<Element, boolean>();
  const isOtherItem = (article: Element): boolean => {
    let known = otherItem.get(article);
    if (known === undefined) {
      known = !story.contains(article) && !article.contains(story);
      otherItem.set(article, known);
    }
    return known;
  };
  const kept: Text[] = [];
  let chars = 0;
  for (const node of body) {
    const article = node.parentElement?.closest('article');
    if (article && isOtherItem(article)) continue;
    kept.push(node);
    chars += node.data.trim().length;
  }
  return kept.length < body.length && chars < MIN_STORY_CHARS ? [...body] : kept;
}
