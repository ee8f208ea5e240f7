// Makes sure the browsers the tests drive are there before `vitest run` starts (npm test, npm run test:e2e):
// Chromium (CHROME_PATH or Debian's /usr/bin/chromium) and Firefox (FIREFOX_PATH or Debian's /usr/bin/firefox-esr).
// When one is missing and we are root on Debian with apt-get (a fresh container, CI), installs Debian's package for
// it (both in one apt-get run), so `npm test` works on a fresh machine; otherwise says exactly how to install it and
// exits non-zero. Never downloads a browser from anywhere else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_PATH, chromiumAvailable, installHint as chromiumHint } from './chromium';
import { FIREFOX_MIN_MAJOR, FIREFOX_PATH, firefoxInstallHint } from './firefox';

export interface BrowserCheck {
  /** "Chromium", "Firefox": for messages. */
  label: string;
  path: string;
  /** The variable that overrides the path; when it is set, a missing browser is a typo to fix, not a reason to install. */
  envVar: string;
  explicit: boolean;
  /** Debian's package that puts a browser at the default path. */
  aptPackage: string;
  /** The oldest major version the tests mean anything on (the extension's own minimum), if any. */
  minMajor?: number;
  hint: string;
}

export const BROWSERS: readonly BrowserCheck[] = [
  {
    label: 'Chromium',
    path: CHROMIUM_PATH,
    envVar: 'CHROME_PATH',
    explicit: Boolean(process.env.CHROME_PATH),
    aptPackage: 'chromium',
    hint: chromiumHint(CHROMIUM_PATH),
  },
  {
    label: 'Firefox',
    path: FIREFOX_PATH,
    envVar: 'FIREFOX_PATH',
    explicit: Boolean(process.env.FIREFOX_PATH),
    aptPackage: 'firefox-esr',
    minMajor: FIREFOX_MIN_MAJOR,
    hint: firefoxInstallHint(FIREFOX_PATH),
  },
];

/** The browser's version line, or null when it does not start (a broken install is as bad as a missing one). */
function versionOf(path: string): string | null {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() || path : null;
}

/** The first number of a version line ("Mozilla Firefox 153.8.0esr" → 153). */
export function majorOf(version: string): number | null {
  const match = /(\d+)\.\d+/.exec(version);
  return match ? Number(match[1]) : null;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Root on Debian with apt-get: a fresh container or CI machine, where installing the package is expected. */
function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && onPath('apt-get');
}

function installWithApt(packages: string[], log: (line: string) => void): boolean {
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    log(`ensure-browsers: apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) return false;
  }
  return true;
}

export interface EnsureOptions {
  browsers?: readonly BrowserCheck[];
  canInstall?: () => boolean;
  install?: (packages: string[], log: (line: string) => void) => boolean;
  /** Whether `path` is an executable file (a test stands in its own). */
  available?: (path: string) => boolean;
  version?: (path: string) => string | null;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

type State = { ok: true; version: string } | { ok: false; problem: string; installable: boolean };

/** Returns the exit code: 0 when every browser is (now) there, runs, and is recent enough. */
export function ensureBrowsers(options: EnsureOptions = {}): number {
  const browsers = options.browsers ?? BROWSERS;
  const available = options.available ?? chromiumAvailable;
  const version = options.version ?? versionOf;
  const out = options.out ?? ((line) => console.log(line));
  const err = options.err ?? ((line) => console.error(line));

  const check = (b: BrowserCheck): State => {
    if (!available(b.path)) {
      return b.explicit
        ? { ok: false, problem: `${b.envVar}=${b.path} is not an executable file.`, installable: false }
        : { ok: false, problem: b.hint, installable: true };
    }
    const line = version(b.path);
    if (!line) return { ok: false, problem: `${b.path} exists but does not run (\`${b.path} --version\` failed).`, installable: false };
    const major = majorOf(line);
    if (b.minMajor !== undefined && major !== null && major < b.minMajor) {
      return { ok: false, problem: `${line} at ${b.path} is older than ${b.label} ${b.minMajor}, the oldest Backstory supports.\n${b.hint}`, installable: false };
    }
    return { ok: true, version: line };
  };

  let states = browsers.map(check);
  const toInstall = browsers.filter((_, i) => {
    const s = states[i]!;
    return !s.ok && s.installable;
  });
  if (toInstall.length > 0 && (options.canInstall ?? canInstallWithApt)()) {
    const packages = toInstall.map((b) => b.aptPackage);
    err(`ensure-browsers: ${toInstall.map((b) => `${b.label} (${b.path})`).join(' and ')} missing; installing Debian's ${packages.join(', ')}.`);
    if (!(options.install ?? installWithApt)(packages, err)) {
      err(`ensure-browsers: apt-get could not install ${packages.join(', ')} (see the output above).`);
      return 1;
    }
    states = browsers.map((b) => {
      const now = check(b);
      // Still missing after a successful install: the package puts the browser elsewhere, or the path is wrong.
      if (!now.ok && now.installable) return { ok: false, problem: `${b.aptPackage} was installed but ${b.path} is still missing.`, installable: false };
      return now;
    });
  }

  let code = 0;
  browsers.forEach((b, i) => {
    const s = states[i]!;
    if (s.ok) out(`ensure-browsers: ${s.version} (${b.path})`);
    else {
      err(`ensure-browsers: ${s.problem}`);
      code = 1;
    }
  });
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = ensureBrowsers();
}
