// The transfer API for extension pages that open the notes database themselves. The options page and the
// popup run in the extension's origin, like the background, so they reach the same IndexedDB directly:
// a 15 MB import or export then costs no copy through runtime messaging (measured: 0.5–2 s for 15 MB in
// Chromium). The same handlers as the background's answer, so behaviour and checks are identical.
import { routeMessage, type Handlers } from '../messages';
import { createDbHandle } from '../notes/db';
import { createTransferApi, type TransferApi } from './client';
import { createTransferHandlers } from './handlers';

export interface LocalTransferDeps {
  factory?: IDBFactory;
  tabUrl(tabId: number): Promise<string | undefined>;
  changed?(): void;
}

export function createLocalTransferApi(deps: LocalTransferDeps): TransferApi {
  const handlers = createTransferHandlers({
    db: createDbHandle(deps.factory ?? indexedDB),
    // The caller is this extension page itself, never a content script.
    isExtensionPage: () => true,
    tabUrl: deps.tabUrl,
    ...(deps.changed ? { changed: deps.changed } : {}),
  }) as Handlers;
  return createTransferApi(async (message) => routeMessage(handlers, message, undefined));
}
