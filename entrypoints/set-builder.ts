// The build worker: runs lib/sets/build.ts (the builder of `npm run dataset`, compromise and all) on its own
// thread, started by the build host (lib/sets/host.ts). It opens the sets database itself (a worker has
// IndexedDB, in the extension's origin), so documents never cross a message, and tells the host how far it is.
// No extension API is used here: a worker has none.
import { buildSet } from '@/lib/sets/build';
import { openSetsRepository } from '@/lib/sets/repository';
import { setRelevance } from '@/lib/sets/relevance';
import type { FromWorker, ToWorker } from '@/lib/sets/host';

export default defineUnlistedScript(() => {
  const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
  const post = (message: FromWorker) => scope.postMessage(message);
  const repository = openSetsRepository(indexedDB, { onChange: (change) => post({ type: 'change', change }) });
  scope.onmessage = ({ data }) => {
    if (data.type !== 'build') return;
    const { setId } = data;
    void buildSet(repository, setId, { onProgress: (progress) => post({ type: 'progress', progress }), relevance: setRelevance }).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      post({ type: 'progress', progress: { setId, phase: 'failed', done: 0, total: 0, message } });
    });
  };
});
