// `web-ext lint` on the Firefox build: Mozilla's addons-linter, the check addons.mozilla.org runs on every upload.
// Part of `npm test`. It passes with no errors and no warnings from Backstory's own code. A warning is accepted
// only when it sits in a bundled library's code, recognised below by that library's own code at the flagged
// spot, with the reason it is safe; anything else (a new warning, a library's warning that moved into our code)
// fails. Usage: `tsx scripts/lint-firefox.ts [build folder]` (default: the Firefox build in BACKSTORY_OUT_DIR or
// .output).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

export interface LibraryWarning {
  library: string;
  code: string;
  /** Code of the library's own around the flagged column (minified bundles keep string keys and property names). */
  signature: RegExp;
  why: string;
}

/** How much code before and after the flagged column is searched for a library's signature. */
const CONTEXT = 200;

export const LIBRARY_WARNINGS: readonly LibraryWarning[] = [
  {
    library: '@mozilla/readability',
    code: 'UNSAFE_VAR_ASSIGNMENT',
    signature: /readability-page-1|_isSingleImage|_attempts/,
    why:
      'Readability re-parses markup of the document it is given; lib/article gives it a detached clone of the page, so nothing it writes reaches the live page.',
  },
  {
    library: 'preact',
    code: 'UNSAFE_VAR_ASSIGNMENT',
    signature: /dangerouslySetInnerHTML[\s\S]*__html/,
    why:
      "Preact's renderer supports dangerouslySetInnerHTML; no Backstory component passes it (this script checks the sources for it).",
  },
];

/** Where our own sources would write markup from a string: none may, so Preact's path above stays unused. */
const MARKUP_SINKS = /\b(?:dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML)\b\s*[=:(]|document\.write\(/;

export interface Classified {
  /** Errors, and warnings or notices not explained by a library. */
  failures: LintMessage[];
  libraries: { message: LintMessage; library: LibraryWarning }[];
}

export function classify(report: LintReport, readBuiltFile: (file: string) => string | undefined): Classified {
  const failures: LintMessage[] = [...report.errors];
  const libraries: Classified['libraries'] = [];
  for (const message of [...report.warnings, ...report.notices]) {
    const source = message.file ? readBuiltFile(message.file) : undefined;
    const line = source && message.line ? source.split('\n')[message.line - 1] : undefined;
    const around =
      line !== undefined && message.column !== undefined
        ? line.slice(Math.max(0, message.column - CONTEXT), message.column + CONTEXT)
        : undefined;
    const library = around !== undefined ? LIBRARY_WARNINGS.find((l) => l.code === message.code && l.signature.test(around)) : undefined;
    if (library) libraries.push({ message, library });
    else failures.push(message);
  }
  return { failures, libraries };
}

/** Lines of our own sources (comments aside) that write markup from a string. */
export function ownMarkupSinks(files: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (!/^\s*\*/.test(code) && MARKUP_SINKS.test(code)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

function sourceFiles(root: string): { path: string; text: string }[] {
  const git = spawnSync('git', ['ls-files', '-co', '--exclude-standard', 'lib', 'components', 'entrypoints'], { cwd: root, encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git ls-files failed: ${git.stderr}`);
  return git.stdout
    .split('\n')
    .filter((p) => /\.(ts|tsx|js|html)$/.test(p) && existsSync(join(root, p)))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

function runWebExtLint(dir: string): LintReport {
  const bin = resolve('node_modules', '.bin', 'web-ext');
  const result = spawnSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    return JSON.parse(result.stdout) as LintReport;
  } catch {
    throw new Error(`web-ext lint did not report (exit ${result.status}):\n${result.stderr || result.stdout}`);
  }
}

const where = (m: LintMessage) => [m.file, m.line, m.column].filter((x) => x !== undefined).join(':');

export function main(dir: string): number {
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error(`lint-firefox: no Firefox build at ${dir}: run \`npm run build:firefox\` first.`);
    return 1;
  }
  const report = runWebExtLint(dir);
  const { failures, libraries } = classify(report, (file) => {
    const path = join(dir, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  });
  const sinks = ownMarkupSinks(sourceFiles(process.cwd()));
  for (const library of LIBRARY_WARNINGS) {
    const found = libraries.filter((l) => l.library === library).map((l) => where(l.message));
    if (found.length > 0) console.log(`lint-firefox: ${found.length} × ${library.code} in ${library.library} (${found.join(', ')}), accepted: ${library.why}`);
  }
  for (const m of failures) console.error(`lint-firefox: ${m.code} ${where(m)}: ${m.message}`);
  for (const s of sinks) console.error(`lint-firefox: our code writes markup from a string: ${s}`);
  const ok = failures.length === 0 && sinks.length === 0;
  console.log(
    `lint-firefox: ${ok ? 'passed' : 'FAILED'}: ${report.errors.length} errors, ${failures.length - report.errors.length} warnings from our code, ${libraries.length} from bundled libraries (explained above).`,
  );
  return ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(resolve(process.argv[2] ?? join(process.env.BACKSTORY_OUT_DIR ?? '.output', 'firefox-mv2')));
}
