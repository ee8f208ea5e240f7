// How much text makes a story: below this, a container, or what a refinement would leave of one, is a
// fragment (a teaser, a caption, a header card), not the article.

export const MIN_STORY_WORDS = 80;
// The same floor in characters, for the cheap checks on large pages (about six characters a word).
export const MIN_STORY_CHARS = MIN_STORY_WORDS * 6;
