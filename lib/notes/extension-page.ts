// The notes repository as each of Backstory's own pages opens it: the extension origin's database, the
// backup in step, and every committed change told once to the background, which relays it to open pages.
import type { Envelope, Transport } from '../messages';
import { storageBackup, type BackupArea } from './backup';
import { openRepository, type NotesChange, type NotesRepository } from './repository';

export interface ExtensionPageDeps {
  factory: IDBFactory;
  /** browser.storage.local */
  storage: BackupArea;
  /** runtime.sendMessage */
  toBackground: Transport;
}

export function openExtensionPageRepository({ factory, storage, toBackground }: ExtensionPageDeps): NotesRepository {
  const announce = (change: NotesChange) => {
    const message: Envelope<'notes/changed'> = { backstory: 1, type: 'notes/changed', payload: change };
    void toBackground(message).catch(() => undefined);
  };
  return openRepository(factory, { backup: storageBackup(storage), onChange: announce });
}

/** Whether a runtime message says another context changed notes (pages reload what they show). */
export function isNotesChange(message: unknown): message is Envelope<'notes/changed'> {
  return typeof message === 'object' && message !== null && (message as Envelope).backstory === 1 && (message as Envelope).type === 'notes/changed';
}
