// The first thing `npm test` prints: what it is about to run and roughly how long it takes, so a newcomer knows
// that the quiet minutes are expected; and a clear stop on a Node.js the project does not support.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Whether `version` (e.g. "20.20.2") satisfies a range of the form package.json uses: "^20.19.0 || >=22.12.0". */
export function satisfiesEngines(version: string, range: string): boolean {
  const parse = (v: string) => v.replace(/^v/, '').split('.').map(Number) as [number, number, number];
  const compare = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
  const v = parse(version);
  return range.split('||').some((part) => {
    const m = /^\s*(\^|>=)\s*(\d+\.\d+\.\d+)\s*$/.exec(part);
    if (!m) throw new Error(`Unsupported engines range: ${part.trim()}`);
    const min = parse(m[2]!);
    return compare(v, min) >= 0 && (m[1] === '>=' || v[0] === min[0]);
  });
}

export const PLAN = `npm test runs, in order (about 4 minutes on an idle two-core machine, longer on a busy one; the browser tests take most of it):
  1. type check                    tsc --noEmit
  2. build and zip both targets    wxt zip (Chrome MV3), wxt zip -b firefox (Firefox MV2 and its sources zip)
  3. Firefox add-on lint           web-ext lint, what addons.mozilla.org runs on upload
  4. the browsers for the tests    Chromium and Firefox ESR (as root on Debian: installed with apt-get if missing)
  5. unit tests, browser tests     vitest: the core under jsdom, then the built extension in Chromium and Firefox
`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { engines } = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { engines: { node: string } };
  if (!satisfiesEngines(process.versions.node, engines.node)) {
    console.error(`npm test: Node.js ${process.versions.node} is not supported; Backstory needs Node.js ${engines.node} (README.md, "Develop").`);
    process.exitCode = 1;
  } else {
    console.log(PLAN);
  }
}
