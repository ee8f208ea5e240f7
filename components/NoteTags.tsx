// Tags as the reader types them ("war, Aleppo #figures") and as they are shown everywhere: "#tag" chips (the
// same way the search is written), a tag the search asked for marked.
import { foldForSearch } from '@/lib/notes/fold';

export function parseTags(input: string): string[] {
  return input.split(/[,\n]/).flatMap((part) => {
    const p = part.trim();
    // "#a #b" written without commas is two tags; a plain "human rights" stays one.
    return /^#\S+(\s+#\S+)+$/.test(p) ? p.split(/\s+/) : [p];
  }).map((t) => t.replace(/^#+/, '').trim()).filter(Boolean);
}

/** A tag as Backstory writes it. */
export const tagText = (tag: string) => `#${tag}`;

export interface NoteTagsProps {
  tags: readonly string[];
  /** `#tag` terms of a search, folded: those tags are marked. */
  marked?: readonly string[];
}

export function NoteTags({ tags, marked = [] }: NoteTagsProps) {
  if (tags.length === 0) return null;
  return (
    <ul class="bs-tags" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} class="bs-tag">{marked.includes(foldForSearch(t)) ? <mark>{tagText(t)}</mark> : tagText(t)}</li>
      ))}
    </ul>
  );
}
