// One of the reader's reference sets: its name and description, its build (progress bar and Cancel while one
// runs), its documents (add, view at a passage, remove), what the builder found (entities and figures, each
// correctable), the reader's edits (each undoable), export and delete. Every change is written at once; adding
// or removing a document starts a build; edits apply over every build.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { BuildProgress } from '@/lib/sets/build';
import { describeEdit, type CurationEdit } from '@/lib/sets/curation';
import type { DocumentPassage } from '@/lib/sets/messages';
import type { SetDetails } from '@/lib/sets/repository';
import { BuildProgressBar } from './BuildProgressBar';
import { SetHeader } from './SetHeader';
import { SetDocuments } from './SetDocuments';
import { DocumentAdd } from './DocumentAdd';
import { DocumentView } from './DocumentView';
import { SetEntities } from './SetEntities';
import { SetFigures } from './SetFigures';
import { SetEdits } from './SetEdits';
import { SetExport } from './SetExport';
import { SetDelete } from './SetDelete';
import { UndoLine } from './UndoLine';
import { errorText } from './use-task';

export interface SetPageProps {
  api: SetsApi;
  setId: string;
  progress: BuildProgress | undefined;
  /** A document to show, with a passage marked (from a card's link). */
  passage: DocumentPassage | null;
  onBack(): void;
  onDeleted(): void;
  onOpenDocument(docId: string, range?: { start: number; end: number }): void;
  onCloseDocument(): void;
}

export function SetPage({ api, setId, progress, passage, onBack, onDeleted, onOpenDocument, onCloseDocument }: SetPageProps) {
  const [details, setDetails] = useState<SetDetails | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ editId: string; text: string } | null>(null);

  const reload = useCallback(async () => {
    try {
      setDetails((await api.repository.details(setId)) ?? null);
      setError(null);
    } catch (e) {
      setError(`Could not read this set: ${errorText(e)}`);
    }
  }, [api, setId]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => api.onChange((c) => {
    if (c.setId === setId || c.setId === null) void reload();
  }), [api, setId, reload]);
  useEffect(() => api.onProgress((p) => {
    if (p.setId === setId && (p.phase === 'done' || p.phase === 'cancelled')) void reload();
  }), [api, setId, reload]);

  const edit = async (change: CurationEdit) => {
    await api.edit(setId, change);
    const edits = await api.repository.listEdits(setId);
    const made = edits[edits.length - 1];
    if (made) setUndo({ editId: made.id, text: describeEdit(change) });
    await reload();
  };

  if (details === undefined) return <p class="bs-muted" role="status">{error ?? 'Loading the set…'}</p>;
  if (details === null) {
    return (
      <>
        <button type="button" class="bs-link" onClick={onBack}>← All reference sets</button>
        <p role="alert">This set no longer exists: it was deleted, perhaps in another window.</p>
      </>
    );
  }
  const { set, documents, edits, effective, outcomes } = details;
  const titles = new Map(documents.map((d) => [d.id, d]));
  return (
    <div class="bs-set-page" data-set-id={set.id}>
      <button type="button" class="bs-link" onClick={onBack}>← All reference sets</button>
      <SetHeader api={api} set={set} onChanged={() => void reload()} />
      {error ? <p class="bs-error" role="alert">{error}</p> : null}
      <BuildProgressBar
        api={api}
        setId={set.id}
        progress={progress}
        documents={documents.length}
        rebuildable={details.withoutText === 0}
        {...(details.build ? { built: details.build.built, builtDocuments: details.build.dataset.documents.filter((d) => titles.has(d.id)).length } : {})}
      />
      {undo ? (
        <UndoLine
          text={undo.text}
          onUndo={async () => {
            await api.undoEdit(setId, undo.editId);
            setUndo(null);
            await reload();
          }}
          onDismiss={() => setUndo(null)}
        />
      ) : null}
      {passage && titles.has(passage.docId) ? (
        <DocumentView api={api} setId={set.id} document={titles.get(passage.docId)!} passage={passage} dataset={effective} onClose={onCloseDocument} />
      ) : null}
      <SetDocuments api={api} setId={set.id} documents={documents} onOpen={(docId) => onOpenDocument(docId)} onChanged={() => void reload()} />
      {details.withoutText > 0 ? (
        <p class="bs-hint" data-testid="facts-only">
          This set was imported with its facts only, without its documents’ texts: it cannot take new documents or be built
          again. Your corrections still apply.
        </p>
      ) : (
        <DocumentAdd api={api} setId={set.id} onAdded={() => void reload()} />
      )}
      {effective ? (
        <>
          <SetEntities dataset={effective} documents={titles} onEdit={edit} onShow={onOpenDocument} />
          <SetFigures dataset={effective} documents={titles} onEdit={edit} onShow={onOpenDocument} />
        </>
      ) : null}
      <SetEdits edits={edits} outcomes={outcomes} onUndo={async (id) => { await api.undoEdit(setId, id); setUndo(null); await reload(); }} />
      <SetExport api={api} set={set} hasTexts={documents.length > 0} />
      <SetDelete api={api} set={set} onDeleted={onDeleted} />
    </div>
  );
}
