// The background's part in reference sets: it keeps the sets' summaries in storage.local after every committed
// change (how tabs and pages hear of one), answers content scripts with the enabled sets' facts, opens a set's
// document in the library, and hands builds to the build host. Where the host runs depends on the browser: a
// Chrome service worker cannot start a worker, so Chrome's host is an offscreen document (created on the first
// build, closed when the queue is empty); Firefox's background is a page that can, so the host runs here.
import { createClient, type Envelope, type Handlers } from '@/lib/messages';
import { openSetsRepository, type SetsChange } from '@/lib/sets/repository';
import { createSetsHandlers, documentHash, pruneStoredTables } from '@/lib/sets/handlers';
import { BuildHost, type BuildStatus, type WorkerLike } from '@/lib/sets/host';
import { writeSetsIndex } from '@/lib/sets/index-mirror';
import { offscreenBuildHost, type OffscreenBuildHost } from '@/lib/sets/offscreen-host';
import { dataset as bundledDataset } from '@/lib/reference';
import bundledTables from '@/lib/reference/dataset.tables.json';
import { compileTables } from '@/lib/match/tables';
import { tablesStore, tablesVersion, type TablesCacheStorage } from '@/lib/sets/tables-store';
import { isExtensionPage } from './sender';

const repository = openSetsRepository(indexedDB, { onChange: (change) => void refreshIndex(change) });

// The compiled tables of the reader's combinations, kept across the worker's restarts in the extension origin's
// Cache Storage (absent where the browser hides it: then kept in memory only, as before).
const storedTables = tablesStore((globalThis as { caches?: TablesCacheStorage }).caches, {
  version: tablesVersion({ extension: browser.runtime.getManifest().version, bundled: bundledDataset, bundledTables }),
});

/** Writes the summaries again; changes that arrive while it writes are folded into one more write. */
let writing: Promise<void> | null = null;
let again = false;
async function refreshIndex(change?: SetsChange): Promise<void> {
  // Every committed change, wherever it was made, comes here: the tables of combinations it left behind go.
  if (change) void pruneStoredTables(repository, storedTables);
  if (writing) {
    again = true;
    return writing;
  }
  writing = (async () => {
    do {
      again = false;
      await writeSetsIndex(browser.storage.local, await repository.summaries()).catch(() => undefined);
    } while (again);
  })().finally(() => { writing = null; });
  return writing;
}

const progress = (payload: Envelope<'sets/progress'>['payload']) => {
  const message: Envelope<'sets/progress'> = { backstory: 1, type: 'sets/progress', payload };
  void browser.runtime.sendMessage(message).catch(() => undefined); // no page open: nobody to tell
};

interface Host {
  request(setId: string): Promise<void> | void;
  cancel(setId: string): Promise<void> | void;
  status(): Promise<BuildStatus> | BuildStatus;
}

type OffscreenApi = {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
};

function offscreenApi(): OffscreenApi | undefined {
  return (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
}

/** Chrome: the host in an offscreen document, reached by `sets/host` (lib/sets/offscreen-host.ts orders the calls). */
function offscreenHost(api: OffscreenApi): OffscreenBuildHost {
  const send = createClient((message: Envelope) => browser.runtime.sendMessage(message));
  const contexts = () => (browser.runtime as unknown as { getContexts?(f: object): Promise<unknown[]> }).getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  return offscreenBuildHost({
    exists: async () => ((await contexts())?.length ?? 0) > 0,
    create: () =>
      api
        .createDocument({ url: '/offscreen.html', reasons: ['WORKERS'], justification: 'Builds the reader’s reference sets in a worker, off every page’s main thread.' })
        .catch((error: unknown) => {
          // Made already (a background started again while the document lived): that one is the host.
          if (!/single offscreen/i.test(String(error))) throw error;
        }),
    close: () => api.closeDocument(),
    send: (command) => send('sets/host', command),
  });
}

/** Firefox: the host here, its worker started from this page. */
function localHost(): Host {
  return new BuildHost({
    spawn: () => new Worker(browser.runtime.getURL('/set-builder.js')) as unknown as WorkerLike,
    broadcast: progress,
    changed: (change) => void refreshIndex(change),
  });
}

const api = offscreenApi();
const offscreen = api ? offscreenHost(api) : null;
const host: Host = offscreen ?? localHost();

export function setsHandlers(): Handlers {
  return {
    ...createSetsHandlers({
      repository,
      host,
      isExtensionPage,
      isContentScript: (sender) => typeof (sender as { tab?: { id?: number } } | undefined)?.tab?.id === 'number',
      changed: (change) => void refreshIndex(change),
      async openDocument(passage) {
        await browser.tabs.create({ url: browser.runtime.getURL('/options.html') + documentHash(passage) });
      },
      // The same dataset the page's reference part brings (entrypoints/reference.ts), from the same build.
      bundled: () => bundledDataset,
      store: storedTables,
      // Marked in the worker, so a browser test can tell tables read back from tables compiled again.
      compile: (dataset) => (performance.mark('backstory:set-tables-compiled'), compileTables(dataset)),
    }),
    // The offscreen host says its queue ran empty: close it (it is made again for the next build).
    'sets/host-idle': async (_payload: Record<string, never>, sender: unknown) => {
      if (!isExtensionPage(sender)) throw new Error('Only Backstory\'s own pages may do this.');
      await offscreen?.idle();
      return null;
    },
  } as Handlers;
}

export function startSetsBackground(): void {
  // Housekeeping at each start: deleted sets past their grace period go for good; the summaries catch up.
  // The stored tables of sets deleted, or of revisions gone, while no worker ran (or before it stopped) go too.
  void repository.purgeDeleted().catch(() => undefined).then(() => pruneStoredTables(repository, storedTables));
  void refreshIndex();
}
