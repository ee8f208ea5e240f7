// The popup's header, one line: Backstory's icon and name, a search across all notes, the way to all notes and
// settings, and the first-run page (what the highlights mean, the keys) for a reader who closed it.
import { useCallback } from 'preact/hooks';

export interface PopupHeaderProps {
  iconUrl: string;
  guideUrl: string;
  query: string;
  onQuery(query: string): void;
  /** Opens the notes library (the options page). */
  openLibrary(): void;
}

export function PopupHeader({ iconUrl, guideUrl, query, onQuery, openLibrary }: PopupHeaderProps) {
  const onKeyDown = useCallback((e: KeyboardEvent) => {
    // Esc empties the search and brings the page's notes back (the popup itself closes on a second Esc).
    if (e.key === 'Escape' && (e.currentTarget as HTMLInputElement).value) {
      e.preventDefault();
      e.stopPropagation();
      onQuery('');
    }
  }, [onQuery]);
  return (
    <header class="bs-popup-header">
      <img src={iconUrl} alt="" width={20} height={20} />
      <h1>Backstory</h1>
      <div class="bs-header-search" role="search">
        <input
          type="search"
          aria-label="Search all notes"
          placeholder="Search all notes"
          value={query}
          onInput={(e) => onQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <nav class="bs-header-links" aria-label="Backstory">
        <button type="button" class="bs-link" onClick={openLibrary}>All notes</button>
        <a href={guideUrl} target="_blank" rel="noopener">Help</a>
      </nav>
    </header>
  );
}
