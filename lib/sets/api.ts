// What Backstory's pages do with reference sets, in one object the sets components take (built by each
// entrypoint from the page's own repository and the background): read and change sets through the repository,
// ask the build host for builds and hear their progress, export and import files. Adding documents or changing
// edits asks for a build at once, so the reader never has to.
import type { Envelope, MessageType, RequestOf, ResponseOf, Transport } from '../messages';
import { createClient } from '../messages';
import type { BuildProgress } from './build';
import type { CurationEdit } from './curation';
import { exportSet, importSetFile, serializeSetFile, setFileName, type ImportedSet } from './file';
import type { BuildStatus } from './host';
import type { NewDocument } from './limits';
import type { SetsChange, SetsRepository } from './repository';
import type { SetDocument } from './types';

export interface SetsApi {
  repository: SetsRepository;
  /** Adds documents and asks for a build. */
  addDocuments(setId: string, documents: NewDocument[]): Promise<SetDocument[]>;
  removeDocument(setId: string, docId: string): Promise<void>;
  /** Records an edit and asks for a build (relevance counts follow the edited names). */
  edit(setId: string, edit: CurationEdit): Promise<void>;
  undoEdit(setId: string, editId: string): Promise<void>;
  build(setId: string): Promise<void>;
  cancel(setId: string): Promise<void>;
  status(): Promise<BuildStatus>;
  /** The set as a file: name and contents. */
  exportFile(setId: string, texts: boolean): Promise<{ name: string; content: string }>;
  importFile(file: { name: string; size: number; text(): Promise<string> }): Promise<ImportedSet>;
  /** Restores a deleted set or document (and asks for a build of what was restored into). */
  restore(trashId: string): Promise<void>;
  /** Every build's progress, from any page that asked for it. Returns the unsubscribe. */
  onProgress(listener: (progress: BuildProgress) => void): () => void;
  /** Sets changed in any context. Returns the unsubscribe. */
  onChange(listener: (change: SetsChange) => void): () => void;
}

/** How an extension page hears runtime messages (browser.runtime.onMessage). */
export interface MessageEvents {
  addListener(listener: (message: unknown) => void): void;
  removeListener(listener: (message: unknown) => void): void;
}

function isMessage<K extends MessageType>(message: unknown, type: K): message is Envelope<K> {
  return typeof message === 'object' && message !== null && (message as Envelope).backstory === 1 && (message as Envelope).type === type;
}

export function createSetsApi(deps: { repository: SetsRepository; toBackground: Transport; messages: MessageEvents; now?: () => Date }): SetsApi {
  const send = createClient(deps.toBackground) as <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;
  const { repository } = deps;
  const listen = <K extends MessageType>(type: K, listener: (payload: RequestOf<K>) => void) => {
    const onMessage = (message: unknown) => {
      if (isMessage(message, type)) listener(message.payload);
    };
    deps.messages.addListener(onMessage);
    return () => deps.messages.removeListener(onMessage);
  };
  return {
    repository,
    async addDocuments(setId, documents) {
      const added = await repository.addDocuments(setId, documents);
      await send('sets/build', { setId });
      return added;
    },
    async removeDocument(setId, docId) {
      await repository.removeDocument(setId, docId);
      await send('sets/build', { setId });
    },
    async edit(setId, edit) {
      await repository.addEdit(setId, edit);
    },
    async undoEdit(setId, editId) {
      await repository.undoEdit(setId, editId);
    },
    build: async (setId) => void (await send('sets/build', { setId })),
    cancel: async (setId) => void (await send('sets/cancel', { setId })),
    status: () => send('sets/status', {}),
    async exportFile(setId, texts) {
      const contents = await repository.contents(setId);
      if (!contents) throw new Error('This set no longer exists.');
      return { name: setFileName(contents.set.name), content: serializeSetFile(exportSet(contents, { texts, ...(deps.now ? { now: deps.now() } : {}) })) };
    },
    async importFile(file) {
      return importSetFile(repository, await file.text(), { fileName: file.name, bytes: file.size });
    },
    async restore(trashId) {
      await repository.restore(trashId);
      const setId = trashId.split('/')[0]!;
      const build = await repository.getBuild(setId);
      // A restored document must be read into its set again; a restored set is as it was.
      if (trashId.includes('/') || !build) await send('sets/build', { setId }).catch(() => undefined);
    },
    onProgress: (listener) => listen('sets/progress', listener),
    onChange: (listener) => listen('sets/changed', listener),
  };
}
