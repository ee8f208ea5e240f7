// The build host's progress for each set, as any of Backstory's pages sees it: asked once when the page opens
// (a build may be under way), then followed through the host's `sets/progress` messages.
import { useEffect, useState } from 'preact/hooks';
import type { BuildProgress } from '@/lib/sets/build';
import type { SetsApi } from '@/lib/sets/api';

/** The latest progress per set id (finished builds keep their last word: done, failed or cancelled). */
export function useBuildProgress(api: SetsApi): ReadonlyMap<string, BuildProgress> {
  const [progress, setProgress] = useState<ReadonlyMap<string, BuildProgress>>(new Map());
  useEffect(() => {
    let alive = true;
    let heard = false;
    const stop = api.onProgress((p) => {
      heard = true;
      setProgress((m) => new Map(m).set(p.setId, p));
    });
    void api.status().then((status) => {
      // A progress message that arrived first is newer than this answer.
      if (!alive || heard) return;
      const next = new Map<string, BuildProgress>();
      for (const id of status.queued) next.set(id, { setId: id, phase: 'queued', done: 0, total: 0 });
      if (status.running) next.set(status.running.setId, status.running);
      setProgress(next);
    }).catch(() => undefined);
    return () => {
      alive = false;
      stop();
    };
  }, [api]);
  return progress;
}

/** Whether a build of the set is queued or under way. */
export function isBuilding(p: BuildProgress | undefined): boolean {
  return !!p && (p.phase === 'queued' || p.phase === 'reading' || p.phase === 'linking' || p.phase === 'saving');
}
