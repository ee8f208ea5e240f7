import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createTransferHandlers } from '@/lib/export/handlers';
import { writeJsonLd } from '@/lib/export/jsonld';
import type { NotesDb } from '@/lib/notes/db';
import type { RequestOf } from '@/lib/messages';
import { byId, contents, freshNotesDb, note, putAll } from './helpers';

const page = { url: 'chrome-extension://backstory/options.html' };
const hostile = { url: 'https://evil.example/', tab: { id: 3 } };
const A = note({ id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', url: 'https://news.example/a', tags: ['syria'] });
const B = note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: 'https://other.example/b', text: 'refugees in Jordan', tags: [] });

let db: NotesDb;
let changed: ReturnType<typeof vi.fn<() => void>>;
let handlers: ReturnType<typeof createTransferHandlers>;

beforeEach(async () => {
  ({ db } = await freshNotesDb());
  await putAll(db, [A, B]);
  changed = vi.fn<() => void>();
  handlers = createTransferHandlers({
    db: async () => db,
    isExtensionPage: (s) => s === page,
    tabUrl: async (id) => (id === 7 ? 'https://news.example/a?utm_source=feed#comments' : undefined),
    changed,
    now: () => new Date(2026, 2, 4),
  });
});

const run = <K extends keyof typeof handlers>(type: K, payload: RequestOf<K & `transfer/${string}`>, sender: unknown = page) =>
  (handlers[type] as (p: unknown, s: unknown) => Promise<unknown>)(payload, sender);

describe('transfer handlers', () => {
  test('only Backstory\'s own pages may export, import, list or delete', async () => {
    for (const [type, payload] of [
      ['transfer/export', { format: 'csv', scope: { kind: 'all' } }],
      ['transfer/import', { text: '[]', bytes: 2 }],
      ['transfer/list', {}],
      ['transfer/deleteAll', { confirm: 'delete all' }],
    ] as const) {
      await expect(run(type, payload as never, hostile)).rejects.toThrow(/Only Backstory's own pages/);
    }
    expect((await contents(db)).sort(byId)).toStrictEqual([A, B].sort(byId));
  });

  test('export scopes: all, the tab\'s page (URL normalised like notes), one page, a search', async () => {
    const ids = async (scope: object) =>
      (JSON.parse(((await run('transfer/export', { format: 'jsonld', scope } as never)) as { content: string }).content) as { first?: { items: { id: string }[] } })
        .first?.items.map((i) => i.id.replace('urn:uuid:', '')).sort() ?? [];
    expect(await ids({ kind: 'all' })).toEqual([A.id, B.id].sort());
    expect(await ids({ kind: 'tab', tabId: 7 })).toEqual([A.id]);
    expect(await ids({ kind: 'page', url: 'https://other.example/b' })).toEqual([B.id]);
    expect(await ids({ kind: 'search', filter: { text: 'jordan' } })).toEqual([B.id]);
    expect(await ids({ kind: 'search', filter: { tag: 'SYRIA' } })).toEqual([A.id]);
    await expect(run('transfer/export', { format: 'csv', scope: { kind: 'tab', tabId: 8 } })).rejects.toThrow(/cannot see which page/);
    const file = await run('transfer/export', { format: 'markdown', scope: { kind: 'all' } });
    expect(file).toMatchObject({ filename: 'backstory-annotations-2026-03-04.md', count: 2 });
  });

  test('malformed requests are refused with what is wrong', async () => {
    await expect(run('transfer/export', { format: 'pdf', scope: { kind: 'all' } } as never)).rejects.toThrow(/Malformed export request: format/);
    await expect(run('transfer/deleteAll', { confirm: 'yes' } as never)).rejects.toThrow(/Malformed delete-all request: confirm/);
    expect(await contents(db)).toHaveLength(2);
  });

  test('import reports counts, refuses an oversized file by its size, and signals the change', async () => {
    const C = note({ id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
    const text = writeJsonLd([A, C], { now: new Date() });
    await expect(run('transfer/import', { text: '[]', bytes: 60 * 1024 * 1024 })).rejects.toThrow(/This file is 60\.0 MB/);
    expect(await run('transfer/import', { text, bytes: text.length })).toEqual({ added: 1, updated: 0, skipped: 1 });
    expect(changed).toHaveBeenCalledTimes(1);
    expect(await run('transfer/import', { text, bytes: text.length })).toEqual({ added: 0, updated: 0, skipped: 2 });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  test('list returns everything newest first; delete-all needs the typed confirmation and says how many', async () => {
    expect(((await run('transfer/list', {})) as { id: string }[]).map((a) => a.id)).toHaveLength(2);
    expect(await run('transfer/deleteAll', { confirm: 'delete all' })).toEqual({ deleted: 2 });
    expect(await contents(db)).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
