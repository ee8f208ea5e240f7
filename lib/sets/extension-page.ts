// The sets API as each of Backstory's own pages opens it: the extension origin's sets database through its own
// repository, every committed change told to the background (which keeps the summaries content scripts read),
// builds asked of the build host through the background.
import type { Envelope, Transport } from '../messages';
import { createSetsApi, type MessageEvents, type SetsApi } from './api';
import { openSetsRepository } from './repository';

export function openExtensionPageSetsApi({ factory, toBackground, messages }: { factory: IDBFactory; toBackground: Transport; messages: MessageEvents }): SetsApi {
  const repository = openSetsRepository(factory, {
    onChange: (change) => {
      const message: Envelope<'sets/changed'> = { backstory: 1, type: 'sets/changed', payload: change };
      void toBackground(message).catch(() => undefined);
    },
  });
  return createSetsApi({ repository, toBackground, messages });
}
