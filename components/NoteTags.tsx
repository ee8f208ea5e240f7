// Tags as the reader types them ("war, Aleppo #figures") and as chips.
export function parseTags(input: string): string[] {
  return input.split(/[,\n]/).flatMap((part) => {
    const p = part.trim();
    // "#a #b" written without commas is two tags; a plain "human rights" stays one.
    return /^#\S+(\s+#\S+)+$/.test(p) ? p.split(/\s+/) : [p];
  }).map((t) => t.replace(/^#+/, '').trim()).filter(Boolean);
}

export function NoteTags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="bs-tags" aria-label="Tags">
      {tags.map((t) => <li key={t} class="bs-tag">#{t}</li>)}
    </ul>
  );
}
