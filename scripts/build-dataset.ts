// npm run dataset -- [--sources <folder of .txt>] [--background <folder of pages>] [--out <file>]
// Builds the reference dataset from plain-text documents. Defaults: ../shared/seeds → lib/reference/dataset.json,
// both relative to the repository root, with ../shared/corpus (news pages about anything) as the background of
// ordinary news the names are compared with for relevance. The output is deterministic: the same documents give
// the same bytes.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatasetWithReport, type Background, type InputDocument } from '../lib/builder/build';
import { parseCuration } from '../lib/builder/curation';
import { serializeDataset, serializeTables, tablesPathFor } from '../lib/reference/serialize';
import { compileTables } from '../lib/match/tables';
import type { Dataset } from '../lib/reference/types';
import { makeBackgroundTable } from '../lib/sets/background';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The default background of ordinary news, relative to the repository root. */
export const DEFAULT_BACKGROUND = '../shared/corpus';
/** Where the bundled dataset goes, and the table of name counts in the background the extension weighs readers' sets against. */
export const DEFAULT_OUT = 'lib/reference/dataset.json';
export const DEFAULT_BACKGROUND_TABLE = 'lib/sets/background.json';

export function readDocuments(folder: string): InputDocument[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`Source folder not found: ${folder}\nPass --sources <folder of .txt documents> (default: ../shared/seeds beside the repository).`);
  }
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`No .txt documents in ${folder}`);
  return files.map((f) => ({ id: basename(f, '.txt'), text: readFileSync(resolve(folder, f), 'utf8') }));
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—', hellip: '…' };

/**
 * The text of an HTML page's body without scripts, styles, templates, comments and tags, entities decoded, blocks
 * on lines of their own. A word count, not a rendering: a background for relevance needs the words a reader could
 * see, and a DOM for each of many large pages would make the build slow.
 */
export function visibleText(html: string): string {
  const body = /<body[\s>][\s\S]*/i.exec(html)?.[0] ?? html;
  return body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|section|article|header|footer|nav|aside|blockquote|figcaption|figure|table|dd|dt)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : ' ';
      }
      return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/**
 * The background for relevance: the visible text of every page in a folder of page folders (`<name>/page.html`,
 * as in ../shared/corpus), in name order. `only` limits it to some page names (the evaluation leaves one out).
 */
export function readBackground(folder: string, only?: (name: string) => boolean): Background {
  const names = readdirSync(folder)
    .filter((n) => existsSync(join(folder, n, 'page.html')) && (!only || only(n)))
    .sort();
  if (names.length === 0) throw new Error(`No <name>/page.html pages in ${folder}`);
  return {
    source: `visible text of ${names.length} news pages (${basename(folder)})`,
    texts: names.map((n) => visibleText(readFileSync(join(folder, n, 'page.html'), 'utf8'))),
  };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function main(args: string[]): void {
  const valued = ['--sources', '--out', '--background', '--background-table'];
  const unknown = args.filter((a, i) => a.startsWith('--') && !valued.includes(a) && !(i > 0 && valued.includes(args[i - 1]!)));
  if (unknown.length) throw new Error(`Unknown option ${unknown.join(', ')}. Usage: npm run dataset -- [--sources <folder>] [--background <folder>] [--out <file>] [--background-table <file>]`);
  const sources = resolve(root, option(args, '--sources') ?? '../shared/seeds');
  const out = resolve(root, option(args, '--out') ?? DEFAULT_OUT);
  // The background table goes with the bundled dataset (or where asked); a dataset built elsewhere leaves it alone.
  const tableOption = option(args, '--background-table');
  const tableOut = tableOption ? resolve(root, tableOption) : out === resolve(root, DEFAULT_OUT) ? resolve(root, DEFAULT_BACKGROUND_TABLE) : undefined;
  const backgroundFolder = resolve(root, option(args, '--background') ?? DEFAULT_BACKGROUND);
  const curation = parseCuration(JSON.parse(readFileSync(resolve(root, 'lib/builder/curation.json'), 'utf8')));
  const documents = readDocuments(sources);
  let background: Background | undefined;
  if (existsSync(backgroundFolder)) background = readBackground(backgroundFolder);
  else console.warn(`warning: no background at ${backgroundFolder}: the dataset will count every article as on its subject`);
  const { dataset, warnings } = buildDatasetWithReport(documents, curation, { background });
  for (const w of warnings) console.warn(`warning: ${w}`);
  const json = serializeDataset(dataset);
  writeFileSync(out, json);
  console.log(`${out}: ${dataset.documents.length} documents, ${dataset.entities.length} entities, ${dataset.figures.length} figures`);
  // The matcher's tables, compiled from the dataset as pages load it (its JSON), so a page never builds them.
  const tables = compileTables(JSON.parse(json) as Dataset);
  writeFileSync(tablesPathFor(out), serializeTables(tables));
  console.log(`${tablesPathFor(out)}: ${tables.trie.keyNodes.length} keys, ${tables.patterns.length} patterns, ${tables.trie.nodes.length} trie nodes`);
  if (background && tableOut) {
    writeFileSync(tableOut, `${JSON.stringify(makeBackgroundTable(background.source, background.texts), null, 1)}\n`);
    console.log(`${tableOut}: name counts of the background, for the reader's own sets`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
