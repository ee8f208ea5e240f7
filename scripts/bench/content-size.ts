// Where the content script's bytes come from, for work on its size (the bench judges the total, gzipped):
//
//   BACKSTORY_SOURCEMAP=1 BACKSTORY_OUT_DIR=.output-sizes npx wxt build
//   npx tsx scripts/bench/content-size.ts [--dir=.output-sizes] [--top=40]
//
// Prints each script a page can load (the content script and the parts, lib/page/parts.ts) gzipped as `npm run bench`
// measures it (level 9), then the content script's source files by bytes of the minified output, each with what the
// gzipped script would lose without it (the file's own characters taken out, the rest gzipped again): gzip shares
// strings across files, so that figure, not a file's own bytes, says what moving it into a part would save. Output
// the map does not place (the bundled reference's JSON) counts under the file placed before it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PART_SCRIPTS } from '../../lib/page/parts';
import { arg } from './args';

const dir = resolve(arg('dir', '.output-sizes'), 'chrome-mv3');
const top = Number(arg('top', '40'));
const gzKb = (text: string | Buffer) => gzipSync(text, { level: 9 }).length / 1024;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source index of every character of `code`, from a version-3 source map's mappings (null: unmapped). */
export function sourceOfEachCharacter(code: string, mappings: string): (number | null)[][] {
  const lines = code.split('\n');
  const owner = lines.map((line) => new Array<number | null>(line.length).fill(null));
  let source = 0;
  mappings.split(';').forEach((group, lineIndex) => {
    const row = owner[lineIndex];
    if (!row || !group) return;
    let column = 0;
    const starts: [number, number][] = [];
    for (const segment of group.split(',')) {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        source += values[1]!;
        starts.push([column, source]);
      }
    }
    starts.forEach(([start, src], i) => {
      const end = i + 1 < starts.length ? starts[i + 1]![0] : row.length;
      for (let c = start; c < end; c++) row[c] = src;
    });
  });
  return owner;
}

function main(): void {
  console.log('gzipped (level 9):');
  for (const file of ['content-scripts/content.js', ...Object.values(PART_SCRIPTS).map((p) => p.slice(1))]) {
    const bytes = readFileSync(join(dir, file));
    console.log(`  ${gzKb(bytes).toFixed(2).padStart(6)} KB  ${file} (${bytes.length} B)`);
  }
  const file = join(dir, 'content-scripts', 'content.js');
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const owner = sourceOfEachCharacter(code, map.mappings);
  const name = (src: number | null) => (src === null ? '(unmapped)' : map.sources[src]!.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/'));
  const lines = code.split('\n');
  const bytes = new Map<string, number>();
  lines.forEach((line, i) => {
    for (let c = 0; c < line.length; c++) {
      const n = name(owner[i]![c]!);
      bytes.set(n, (bytes.get(n) ?? 0) + 1);
    }
  });
  const total = gzKb(code);
  console.log(`\ncontent script by source file: minified bytes, gzipped KB it accounts for (of ${total.toFixed(2)} KB)`);
  for (const [n, count] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const without = lines.map((line, i) => [...line].filter((_, c) => name(owner[i]![c]!) !== n).join('')).join('\n');
    console.log(`  ${String(count).padStart(7)}  ${(total - gzKb(without)).toFixed(2).padStart(6)}  ${n}`);
  }
}

main();
