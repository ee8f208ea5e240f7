// The popup's reference sets, folded under one line after the page's notes: a switch per set (which sets
// Backstory highlights) and, where the tab has an article, "Add this article to a reference set".
import type { SetsApi } from '@/lib/sets/api';
import type { NewDocument } from '@/lib/sets/limits';
import { AddToSet } from './AddToSet';
import { SetToggles } from './SetToggles';

export interface PopupSetsProps {
  api: SetsApi;
  /** The tab's article as a document, or null where there is none. */
  article(): Promise<NewDocument | null>;
  /** Opens the library at a set. */
  openSet(setId: string): void;
  /** How many documents the bundled set was built from. */
  bundledDocuments: number;
  /** Whether the tab has a page Backstory reads (else only the switches show). */
  canAdd: boolean;
}

export function PopupSets({ api, article, openSet, bundledDocuments, canAdd }: PopupSetsProps) {
  return (
    <details class="bs-popup-sets" data-section="popup-sets">
      <summary>Reference sets</summary>
      <SetToggles bundledDocuments={bundledDocuments} />
      {canAdd ? <AddToSet api={api} article={article} openSet={openSet} /> : null}
    </details>
  );
}
