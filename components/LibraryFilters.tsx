// The notes library's search, order and filters: words (marked in the list), site, tag, the reference item notes
// are linked to, the days they were written on. Each list says what it holds, with counts; a value chosen in a list
// stays shown there, with (0), once no note has it.
import { useMemo, useRef } from 'preact/hooks';
import {
  NO_SITE,
  referenceChoices,
  referenceFacets,
  siteChoices,
  siteFacets,
  tagChoices,
  tagFacets,
  type AnnotationFilter,
  type ReferenceFacet,
} from '@/lib/export/filter';
import { NOTE_ORDER_LABELS, isNoteOrder, type NoteOrder } from '@/lib/notes/order';
import type { Annotation } from '@/lib/notes/types';
import { tagText } from './NoteTags';

export interface LibraryFiltersProps {
  notes: readonly Annotation[];
  filter: AnnotationFilter;
  onChange(filter: AnnotationFilter): void;
  order: NoteOrder;
  onOrder(order: NoteOrder): void;
}

const valueOf = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function LibraryFilters({ notes, filter, onChange, order, onOrder }: LibraryFiltersProps) {
  // The options are made once per list of notes and value chosen, not at each key typed in the search (thousands of
  // linked items). Each list is one Fragment, the same vnode from one render to the next: Preact skips a component
  // vnode identical to the one it drew (a Fragment is one), but diffs every element again, so options passed as a bare
  // array would be compared one by one, all of them, whenever their select is drawn.
  const siteFacetList = useMemo(() => siteFacets(notes), [notes]);
  const siteList = useMemo(() => siteChoices(siteFacetList, filter.site), [siteFacetList, filter.site]);
  const sites = useMemo(
    () => <>{siteList.map((s) => <option key={s.value} value={s.value}>{`${s.value === NO_SITE ? 'Not a web page' : s.value} (${s.count})`}</option>)}</>,
    [siteList],
  );
  const tagFacetList = useMemo(() => tagFacets(notes), [notes]);
  const tagList = useMemo(() => tagChoices(tagFacetList, filter.tag), [tagFacetList, filter.tag]);
  const tags = useMemo(() => <>{tagList.map((t) => <option key={t.value} value={t.value}>{`${tagText(t.value)} (${t.count})`}</option>)}</>, [tagList]);
  const referenceFacetList = useMemo(() => referenceFacets(notes), [notes]);
  // The items listed last time: where the chosen item's label is found once no note carries it.
  const shownReferences = useRef<readonly ReferenceFacet[]>([]);
  const referenceList = useMemo(
    () => referenceChoices(referenceFacetList, filter.reference, shownReferences.current),
    [referenceFacetList, filter.reference],
  );
  shownReferences.current = referenceList;
  const references = useMemo(() => <>{referenceList.map((r) => <option key={r.value} value={r.value}>{`${r.label} (${r.count})`}</option>)}</>, [referenceList]);
  // The latest filter and handler, for the selects below, which are made again only when their own value or options
  // change: a key typed in the search redraws the search field, not thousands of options.
  const latest = useRef({ filter, onChange });
  latest.current = { filter, onChange };
  const set = (patch: Partial<AnnotationFilter>) => latest.current.onChange({ ...latest.current.filter, ...patch });
  const siteSelect = useMemo(
    () => (
      <select id="bs-filter-site" value={filter.site ?? ''} onChange={(e) => set({ site: valueOf(e) })}>
        <option value="">All sites</option>
        {sites}
      </select>
    ),
    [sites, filter.site],
  );
  const tagSelect = useMemo(
    () => (
      <select id="bs-filter-tag" value={filter.tag ?? ''} onChange={(e) => set({ tag: valueOf(e) })}>
        <option value="">Any tag</option>
        {tags}
      </select>
    ),
    [tags, filter.tag],
  );
  const referenceSelect = useMemo(
    () => (
      <select id="bs-filter-reference" value={filter.reference ?? ''} onChange={(e) => set({ reference: valueOf(e) })}>
        <option value="">Anything or nothing</option>
        {references}
      </select>
    ),
    [references, filter.reference],
  );
  return (
    <form class="bs-filters" role="search" aria-label="Search and filter notes" onSubmit={(e) => e.preventDefault()}>
      <div class="bs-field bs-field-wide">
        <label for="bs-filter-text">Search</label>
        <input
          id="bs-filter-text"
          type="search"
          placeholder="Words in notes, quotes and page titles; #tag"
          value={filter.text ?? ''}
          onInput={(e) => set({ text: valueOf(e) })}
        />
      </div>
      <div class="bs-field">
        <label for="bs-order">Order</label>
        <select id="bs-order" value={order} onChange={(e) => { const v = valueOf(e); if (isNoteOrder(v)) onOrder(v); }}>
          {(Object.keys(NOTE_ORDER_LABELS) as NoteOrder[]).map((o) => <option key={o} value={o}>{NOTE_ORDER_LABELS[o]}</option>)}
        </select>
      </div>
      <div class="bs-field">
        <label for="bs-filter-site">Site</label>
        {siteSelect}
      </div>
      <div class="bs-field">
        <label for="bs-filter-tag">Tag</label>
        {tagSelect}
      </div>
      <div class="bs-field">
        <label for="bs-filter-reference">Linked to</label>
        {referenceSelect}
      </div>
      <fieldset class="bs-field bs-dates">
        <legend>Written</legend>
        <label for="bs-filter-from">from</label>
        <input id="bs-filter-from" type="date" value={filter.from ?? ''} max={filter.to || undefined} onInput={(e) => set({ from: valueOf(e) })} />
        <label for="bs-filter-to">to</label>
        <input id="bs-filter-to" type="date" value={filter.to ?? ''} min={filter.from || undefined} onInput={(e) => set({ to: valueOf(e) })} />
      </fieldset>
    </form>
  );
}
