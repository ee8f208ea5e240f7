import { expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
// jsdom's Blob has no text(); Node's is the browser's File API shape.
import { Blob as NodeBlob } from 'node:buffer';
import { createLocalTransferApi } from '@/lib/export/local';
import { writeJsonLd } from '@/lib/export/jsonld';
import { note } from './helpers';

test('an extension page imports, lists, exports and deletes through its own database connection', async () => {
  let changes = 0;
  const api = createLocalTransferApi({ factory: new IDBFactory(), tabUrl: async () => 'https://news.example/syria/aleppo#top', changed: () => changes++ });
  const file = new NodeBlob([writeJsonLd([note()], { now: new Date() })], { type: 'application/ld+json' }) as unknown as Blob;
  expect(await api.importFile(file)).toEqual({ added: 1, updated: 0, skipped: 0 });
  expect(await api.importFile(file)).toEqual({ added: 0, updated: 0, skipped: 1 });
  expect(await api.list()).toStrictEqual([note()]);
  const exported = await api.exportFile('csv', { kind: 'tab', tabId: 1 });
  expect(exported.count).toBe(1);
  expect(exported.content).toContain('more than 70,000 people');
  // Errors keep their message across the (local) message boundary.
  await expect(api.importFile(new NodeBlob(['{oops']) as unknown as Blob)).rejects.toThrow(/not a JSON file/);
  // An oversized file is refused by its size alone; Blob.size is all that is read.
  const huge = { size: 80 * 1024 * 1024, text: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
  await expect(api.importFile(huge)).rejects.toThrow(/This file is 80\.0 MB/);
  expect(await api.deleteAll()).toBe(1);
  expect(await api.list()).toEqual([]);
  expect(changes).toBe(2);
});
