import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { writeJsonLd } from '@/lib/export/jsonld';
import { ImportError, MAX_IMPORT_BYTES } from '@/lib/export/import';
import { createTransferApi, type TransferDeps } from '@/lib/export/transfer';
import { openRepository, type NotesBackup, type NotesRepository } from '@/lib/notes/repository';
import type { Annotation } from '@/lib/notes/types';
import { note } from './helpers';

/** A backup in memory whose mark is a single slot, as the real one's: `clearPending` clears only the token it holds. */
function markedBackup() {
  const saved = new Map<string, Annotation>();
  const state = { pending: null as string | null, marks: 0 };
  const backup: NotesBackup = {
    put: async (records) => { for (const r of records) saved.set(r.id, r); },
    remove: async (ids) => { for (const id of ids) saved.delete(id); },
    readAll: async () => [...saved.values()],
    markPending: async () => (state.pending = `t${++state.marks}`),
    clearPending: async (token) => { if (state.pending === token) state.pending = null; },
  };
  return { saved, backup, state };
}

/**
 * A file whose size is what it claims and whose reads are counted: a Blob's own text() cannot be asked whether it ran.
 * Not a vi.fn: a mock watches the promises it returns, and so would handle the rejection this must leave to the code.
 */
function watchedFile(size: number, text: () => Promise<string>) {
  const read = { calls: 0 };
  const file = { size, text: () => { read.calls++; return text(); } } as unknown as Blob;
  return { file, read };
}

const validFile = writeJsonLd([note({ id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })], { now: new Date('2026-03-04T05:06:07Z') });

/** Lets every settled promise without a handler be reported (Node reports them once the microtasks have run). */
const settled = () => new Promise((next) => setTimeout(next, 0)).then(() => new Promise((next) => setTimeout(next, 0)));

let unhandled: unknown[];
const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('transfer.importFile refuses a file before it costs anything', () => {
  let repository: NotesRepository;
  let backup: ReturnType<typeof markedBackup>;
  let estimate: ReturnType<typeof vi.fn<NonNullable<TransferDeps['estimate']>>>;
  const transfer = () => createTransferApi({ repository, tabUrl: async () => undefined, estimate });

  beforeEach(() => {
    backup = markedBackup();
    repository = openRepository(new IDBFactory(), { backup: backup.backup });
    estimate = vi.fn(async () => ({ quota: 10 * MAX_IMPORT_BYTES, usage: 0 }));
  });

  async function expectNothingWritten() {
    expect(await repository.count()).toBe(0);
    expect(backup.saved.size).toBe(0);
    // The mark is cleared without being waited for: a refusal that set one must not leave it up.
    await vi.waitFor(() => expect(backup.state.pending).toBeNull());
  }

  test('a file over the limit is refused by its size: it is never read, the disk is not asked, nothing is marked or written', async () => {
    const { file, read } = watchedFile(MAX_IMPORT_BYTES + 1, async () => validFile);
    const error = await transfer().importFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/larger than Backstory imports: 52,428,801 bytes/);
    expect(read.calls).toBe(0);
    expect(estimate).not.toHaveBeenCalled();
    expect(backup.state.marks).toBe(0);
    await expectNothingWritten();
  });

  test('a file the disk has no room for writes nothing, and its read, already started, rejects nowhere', async () => {
    estimate.mockResolvedValue({ quota: 100_000, usage: 99_000 });
    const importRecords = vi.spyOn(repository, 'importRecords');
    // A read that succeeds, then one that fails: neither outcome may reach the page once the file is refused.
    for (const text of [async () => validFile, async () => { throw new DOMException('The file could not be read.', 'NotReadableError'); }]) {
      const { file, read } = watchedFile(validFile.length, text);
      const error = await transfer().importFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(/not enough free disk space to import this file: .* about 0\.0 MB is free\. Nothing was imported/);
      expect(read.calls).toBe(1);
      await settled();
    }
    expect(unhandled).toEqual([]);
    expect(importRecords).not.toHaveBeenCalled();
    expect(backup.state.marks).toBe(0);
    await expectNothingWritten();
  });

  test('a file refused when it is checked clears the mark set while it was read, and writes nothing; a good one then imports', async () => {
    const { file } = watchedFile(20, async () => '{"type": "Annot');
    const error = await transfer().importFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/ends too early/);
    // The mark may still be on its way when the refusal arrives: it is set, then cleared.
    await vi.waitFor(() => expect(backup.state).toEqual({ pending: null, marks: 1 }));
    await expectNothingWritten();
    await settled();
    expect(unhandled).toEqual([]);

    const good = watchedFile(validFile.length, async () => validFile);
    expect(await transfer().importFile(good.file)).toEqual({ added: 1, updated: 0, skipped: 0 });
    await repository.backedUp();
    expect(backup.saved.size).toBe(1);
    await vi.waitFor(() => expect(backup.state.pending).toBeNull());
  });
});
