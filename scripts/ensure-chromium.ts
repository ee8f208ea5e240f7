// Makes sure the browser the tests drive is there before `vitest run` starts (npm test, npm run test:e2e).
// CHROME_PATH or Debian's /usr/bin/chromium. When it is missing and we are root on Debian with apt-get (a fresh
// container, CI), installs Debian's `chromium` package, so `npm test` works on a fresh machine; otherwise says
// exactly how to install it and exits non-zero. Never downloads a browser from anywhere else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_PATH, chromiumAvailable, installHint } from './chromium';

/** The browser's version line, or null when it does not start (a broken install is as bad as a missing one). */
function versionOf(path: string): string | null {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() || path : null;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Root on Debian with apt-get: a fresh container or CI machine, where installing the package is expected. */
function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && onPath('apt-get');
}

function installWithApt(log: (line: string) => void): boolean {
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    log(`ensure-chromium: apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) return false;
  }
  return true;
}

export interface EnsureOptions {
  /** The browser to check; CHROME_PATH or /usr/bin/chromium. */
  path?: string;
  /** Whether the path came from CHROME_PATH (then a missing browser is a typo to fix, not a reason to install). */
  explicit?: boolean;
  canInstall?: () => boolean;
  install?: (log: (line: string) => void) => boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** Returns the exit code: 0 when a working browser is (now) at `path`. */
export function ensureChromium(options: EnsureOptions = {}): number {
  const path = options.path ?? CHROMIUM_PATH;
  const explicit = options.explicit ?? Boolean(process.env.CHROME_PATH);
  const out = options.out ?? ((line) => console.log(line));
  const err = options.err ?? ((line) => console.error(line));

  if (chromiumAvailable(path)) {
    const version = versionOf(path);
    if (version) {
      out(`ensure-chromium: ${version} (${path})`);
      return 0;
    }
    err(`ensure-chromium: ${path} exists but does not run (\`${path} --version\` failed).`);
    return 1;
  }
  if (explicit) {
    err(`ensure-chromium: CHROME_PATH=${path} is not an executable file.`);
    return 1;
  }
  if (!(options.canInstall ?? canInstallWithApt)()) {
    err(`ensure-chromium: ${installHint(path)}`);
    return 1;
  }
  err(`ensure-chromium: ${path} is missing; installing Debian's chromium package.`);
  if (!(options.install ?? installWithApt)(err)) {
    err('ensure-chromium: apt-get could not install chromium (see the output above).');
    return 1;
  }
  const version = chromiumAvailable(path) ? versionOf(path) : null;
  if (!version) {
    err(`ensure-chromium: chromium was installed but ${path} still does not run.`);
    return 1;
  }
  out(`ensure-chromium: installed ${version}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = ensureChromium();
}
