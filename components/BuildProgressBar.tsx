// Where a set's build is: a progress bar while documents are read (then linking and saving), a Cancel button, and
// afterwards when it was built, or why it stopped. The documents it read before a cancel are kept for the next.
import type { SetsApi } from '@/lib/sets/api';
import type { BuildProgress } from '@/lib/sets/build';
import { isBuilding } from './hooks/useBuildProgress';
import { useTask } from './use-task';

export interface BuildProgressBarProps {
  api: SetsApi;
  setId: string;
  progress: BuildProgress | undefined;
  documents: number;
  /** When the set was last built (ISO), if ever, and from how many of its documents. */
  built?: string;
  builtDocuments?: number;
  /** False for a set imported with its facts only: there is nothing to build it from. */
  rebuildable?: boolean;
}

const PHASE_TEXT: Record<BuildProgress['phase'], string> = {
  queued: 'Waiting for another set’s build to finish…',
  reading: 'Reading the documents',
  linking: 'Linking names across the documents…',
  saving: 'Saving…',
  done: 'Built',
  failed: 'The build failed',
  cancelled: 'Build cancelled',
};

export function BuildProgressBar({ api, setId, progress, documents, built, builtDocuments = 0, rebuildable = true }: BuildProgressBarProps) {
  const { busy, status, run } = useTask();
  const building = isBuilding(progress);
  if (building && progress) {
    const reading = progress.phase === 'reading' && progress.total > 0;
    const label = reading ? `${PHASE_TEXT.reading}: ${progress.done} of ${progress.total}` : PHASE_TEXT[progress.phase];
    return (
      <div class="bs-build" role="group" aria-labelledby="bs-build-label" data-testid="build-progress" data-phase={progress.phase}>
        <p id="bs-build-label" class="bs-build-label" aria-live="polite">{label}</p>
        <progress
          max={reading ? progress.total : undefined}
          value={reading ? progress.done : undefined}
          aria-labelledby="bs-build-label"
          aria-valuetext={label}
        />
        <button type="button" disabled={busy} onClick={() => void run(() => api.cancel(setId))}>Cancel</button>
        {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
      </div>
    );
  }
  const last =
    progress?.phase === 'failed' ? <p class="bs-error" role="alert">{progress.message ?? PHASE_TEXT.failed}</p>
    : progress?.phase === 'cancelled' ? <p class="bs-hint" role="status">{PHASE_TEXT.cancelled}: the documents read so far are kept, and the next build starts from them.</p>
    : null;
  return (
    <div class="bs-build" data-testid="build-progress" data-phase={progress?.phase ?? 'idle'}>
      {last}
      <p class="bs-hint" role={last ? undefined : 'status'}>
        {documents === 0
          ? 'No documents yet: add some below, or from the popup on any article.'
          : built && builtDocuments === documents
            ? `Built ${new Date(built).toLocaleString()} from ${documents} document${documents === 1 ? '' : 's'}.`
            : built
              ? `Built ${new Date(built).toLocaleString()} from ${builtDocuments} of its ${documents} documents: build again to include the others.`
              : 'Not built yet.'}{' '}
        {documents > 0 && rebuildable ? (
          <button type="button" class="bs-link" disabled={busy} onClick={() => void run(() => api.build(setId))}>Build again</button>
        ) : null}
      </p>
      {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
    </div>
  );
}
