// `npm run dataset` as a user runs it: a folder of .txt files in, a JSON file out, clear errors otherwise.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../lib/reference/types';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const work = mkdtempSync(join(tmpdir(), 'backstory-dataset-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function dataset(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(tsx, ['scripts/build-dataset.ts', ...args], { cwd: root });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('npm run dataset', { timeout: 60_000 }, () => {
  it('builds from a folder of .txt documents, ids from file names, and the same input gives the same bytes', async () => {
    const sources = join(work, 'docs');
    mkdirSync(sources);
    writeFileSync(join(sources, 'b-second.txt'), 'Second Story\n\nThe Red Cross said at least 12 people were killed in Kenya.\n');
    writeFileSync(join(sources, 'a-first.txt'), 'First Story\n\nMaria Gonzalez said more than 3,000 residents fled Nairobi.\n');
    writeFileSync(join(sources, 'notes.md'), 'not a document');
    const first = await dataset('--sources', sources, '--out', join(work, 'one.json'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2 documents');
    await dataset('--sources', sources, '--out', join(work, 'two.json'));
    const one = readFileSync(join(work, 'one.json'), 'utf8');
    expect(readFileSync(join(work, 'two.json'), 'utf8')).toBe(one);
    expect(one.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(one) as Dataset;
    expect(parsed.documents.map((d) => d.id)).toEqual(['a-first', 'b-second']);
    expect(parsed.figures.map((f) => f.counts)).toEqual(['people fled', 'people killed']);
  });

  it('says clearly when the folder is missing or holds no documents', async () => {
    const missing = await dataset('--sources', join(work, 'nowhere'), '--out', join(work, 'x.json'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Source folder not found');
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const none = await dataset('--sources', empty, '--out', join(work, 'x.json'));
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('No .txt documents in');
  });

  it('rejects unknown options with the usage line', async () => {
    const result = await dataset('--source', 'x');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Usage: npm run dataset');
  });
});
