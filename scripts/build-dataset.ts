// npm run dataset -- [--sources <folder of .txt>] [--out <file>]
// Builds the reference dataset from plain-text documents. Defaults: ../shared/seeds → lib/reference/dataset.json,
// both relative to the repository root. The output is deterministic: the same documents give the same bytes.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatasetWithReport, type InputDocument } from '../lib/reference/build';
import { parseCuration } from '../lib/reference/curation';
import { serializeDataset } from '../lib/reference/serialize';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function readDocuments(folder: string): InputDocument[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`Source folder not found: ${folder}\nPass --sources <folder of .txt documents> (default: ../shared/seeds beside the repository).`);
  }
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`No .txt documents in ${folder}`);
  return files.map((f) => ({ id: basename(f, '.txt'), text: readFileSync(resolve(folder, f), 'utf8') }));
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function main(args: string[]): void {
  const unknown = args.filter((a, i) => a.startsWith('--') && a !== '--sources' && a !== '--out' && !(i > 0 && ['--sources', '--out'].includes(args[i - 1]!)));
  if (unknown.length) throw new Error(`Unknown option ${unknown.join(', ')}. Usage: npm run dataset -- [--sources <folder>] [--out <file>]`);
  const sources = resolve(root, option(args, '--sources') ?? '../shared/seeds');
  const out = resolve(root, option(args, '--out') ?? 'lib/reference/dataset.json');
  const curation = parseCuration(JSON.parse(readFileSync(resolve(root, 'lib/reference/curation.json'), 'utf8')));
  const { dataset, warnings } = buildDatasetWithReport(readDocuments(sources), curation);
  for (const w of warnings) console.warn(`warning: ${w}`);
  writeFileSync(out, serializeDataset(dataset));
  console.log(`${out}: ${dataset.documents.length} documents, ${dataset.entities.length} entities, ${dataset.figures.length} figures`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
