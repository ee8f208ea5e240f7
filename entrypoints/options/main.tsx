import { render } from 'preact';
import { Options } from '@/components/Options';
import { isNotesChange, openExtensionPageRepository } from '@/lib/notes/extension-page';
import { createTransferApi } from '@/lib/export/transfer';
import '@/components/palette.css';
import './style.css';

const repository = openExtensionPageRepository({ factory: indexedDB, storage: browser.storage.local, toBackground: (m) => browser.runtime.sendMessage(m) });
const transferApi = createTransferApi({
  repository,
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  estimate: () => navigator.storage.estimate(),
});

/** Notes changed in another of Backstory's pages (a note saved in the popup): the list reloads. */
function watchChanges(listener: () => void): () => void {
  const onMessage = (message: unknown) => {
    if (isNotesChange(message)) listener();
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

render(<Options repository={repository} api={transferApi} watchChanges={watchChanges} />, document.getElementById('app')!);
