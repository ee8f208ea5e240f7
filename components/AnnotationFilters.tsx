// The options page's filters: site, tag and text. Facets list what exists, with counts.
import { useMemo } from 'preact/hooks';
import { siteFacets, tagFacets, type AnnotationFilter } from '@/lib/export/filter';
import type { Annotation } from '@/lib/notes/types';

export interface AnnotationFiltersProps {
  annotations: readonly Annotation[];
  filter: AnnotationFilter;
  onChange(filter: AnnotationFilter): void;
}

export function AnnotationFilters({ annotations, filter, onChange }: AnnotationFiltersProps) {
  const sites = useMemo(() => siteFacets(annotations), [annotations]);
  const tags = useMemo(() => tagFacets(annotations), [annotations]);
  return (
    <form class="bs-filters" role="search" aria-label="Filter annotations" onSubmit={(e) => e.preventDefault()}>
      <div class="bs-field">
        <label for="bs-filter-text">Search</label>
        <input
          id="bs-filter-text"
          type="search"
          placeholder="Words in notes, quotes, titles; #tag"
          value={filter.text ?? ''}
          onInput={(e) => onChange({ ...filter, text: (e.currentTarget as HTMLInputElement).value })}
        />
      </div>
      <div class="bs-field">
        <label for="bs-filter-site">Site</label>
        <select id="bs-filter-site" value={filter.site ?? ''} onChange={(e) => onChange({ ...filter, site: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">All sites</option>
          {sites.map((s) => (
            <option key={s.value} value={s.value}>{`${s.value} (${s.count})`}</option>
          ))}
        </select>
      </div>
      <div class="bs-field">
        <label for="bs-filter-tag">Tag</label>
        <select id="bs-filter-tag" value={filter.tag ?? ''} onChange={(e) => onChange({ ...filter, tag: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.value} value={t.value}>{`${t.value} (${t.count})`}</option>
          ))}
        </select>
      </div>
    </form>
  );
}
