// Makes sure the browser the tests drive is there before `vitest run` starts (npm test, npm run test:e2e).
// CHROME_PATH or Debian's /usr/bin/chromium. When it is missing and we are root on Debian with apt-get (a fresh
// container, CI), installs Debian's `chromium` package, so `npm test` works on a fresh machine; otherwise says
// exactly how to install it and exits non-zero. Never downloads a browser from anywhere else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_PATH, INSTALL_HINT, chromiumAvailable } from './chromium';

function run(command: string, args: string[]): boolean {
  console.error(`ensure-chromium: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The browser's version line, or null when it does not start (a broken install is as bad as a missing one). */
function versionOf(path: string): string | null {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

export function ensureChromium(): number {
  if (chromiumAvailable()) {
    const version = versionOf(CHROMIUM_PATH);
    if (version) {
      console.log(`ensure-chromium: ${version} (${CHROMIUM_PATH})`);
      return 0;
    }
    console.error(`ensure-chromium: ${CHROMIUM_PATH} exists but does not run (\`${CHROMIUM_PATH} --version\` failed).`);
    return 1;
  }
  // A CHROME_PATH that points nowhere is a typo to fix, not a reason to install another browser.
  if (process.env.CHROME_PATH) {
    console.error(`ensure-chromium: CHROME_PATH=${process.env.CHROME_PATH} is not an executable file.`);
    return 1;
  }
  const canInstall = process.getuid?.() === 0 && existsSync('/etc/debian_version') && onPath('apt-get');
  if (!canInstall) {
    console.error(`ensure-chromium: ${INSTALL_HINT}`);
    return 1;
  }
  console.error(`ensure-chromium: ${CHROMIUM_PATH} is missing; installing Debian's chromium package.`);
  if (!run('apt-get', ['update']) || !run('apt-get', ['install', '-y', 'chromium'])) {
    console.error('ensure-chromium: apt-get could not install chromium (see the output above).');
    return 1;
  }
  const version = chromiumAvailable() ? versionOf(CHROMIUM_PATH) : null;
  if (!version) {
    console.error(`ensure-chromium: chromium was installed but ${CHROMIUM_PATH} still does not run.`);
    return 1;
  }
  console.log(`ensure-chromium: installed ${version}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = ensureChromium();
}
