import { render } from 'preact';
import reference from 'virtual:reference-summary';
import { Library } from '@/components/Library';
import { isNotesChange, notesBackupArea, openExtensionPageRepository } from '@/lib/notes/extension-page';
import { createTransferApi } from '@/lib/export/transfer';
import { createClient, type Envelope } from '@/lib/messages';
import { SetsSection } from '@/components/SetsSection';
import { openExtensionPageSetsApi } from '@/lib/sets/extension-page';
import { createReferenceCheck } from '@/lib/sets/reference-state';
import { ReferenceCheckContext } from '@/components/hooks/useReferenceGone';
import bundled from '@/lib/reference/dataset.json';
import type { Dataset } from '@/lib/reference/types';
import '@/components/palette.css';
import '@/components/base.css';
import './style.css';

const toBackground = (m: Envelope) => browser.runtime.sendMessage(m);
const repository = openExtensionPageRepository({ factory: indexedDB, backupArea: notesBackupArea(browser.storage.local), toBackground });
const transferApi = createTransferApi({
  repository,
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  estimate: () => navigator.storage.estimate(),
});
const background = createClient(toBackground);

/** Notes changed in another of Backstory's pages (a note saved in the popup): the list reloads. */
function watchChanges(listener: () => void): () => void {
  const onMessage = (message: unknown) => {
    if (isNotesChange(message)) listener();
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

const setsApi = openExtensionPageSetsApi({ factory: indexedDB, toBackground, messages: browser.runtime.onMessage });

render(
  <ReferenceCheckContext.Provider value={createReferenceCheck(setsApi.repository)}>
    <Library
      repository={repository}
      api={transferApi}
      openPassage={(id) => background('notes/open-passage', { id })}
      settingsArea={browser.storage.local}
      settingsChanges={browser.storage.onChanged}
      subject={reference.subject}
      watchChanges={watchChanges}
      referenceSets={<SetsSection api={setsApi} bundled={bundled as Dataset} settingsArea={browser.storage.local} settingsChanges={browser.storage.onChanged} />}
    />
  </ReferenceCheckContext.Provider>,
  document.getElementById('app')!,
);
