// scripts/ensure-chromium.ts decides whether `npm test` can drive a browser, and installs Debian's package on a
// fresh root machine. Stand-in browsers (tiny shell scripts) and a stand-in installer keep these tests from
// installing or starting a real browser.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ensureChromium, type EnsureOptions } from '../../../scripts/ensure-chromium';

const dir = mkdtempSync(join(tmpdir(), 'backstory-ensure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBrowser(name: string, script: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

function ensure(options: EnsureOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = ensureChromium({ out: (l) => out.push(l), err: (l) => err.push(l), ...options });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const neverInstall = () => {
  throw new Error('must not install');
};

test('a browser that starts is reported with its version, exit 0, and nothing is installed', () => {
  const r = ensure({ path: fakeBrowser('chromium-ok', 'echo "Chromium 999.0.1 test build"'), explicit: false, install: neverInstall });
  expect(r.code).toBe(0);
  expect(r.out).toBe(`ensure-chromium: Chromium 999.0.1 test build (${join(dir, 'chromium-ok')})`);
});

test('a browser that exists but does not start is an error, not a pass', () => {
  const r = ensure({ path: fakeBrowser('chromium-broken', 'exit 3'), explicit: false, install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toContain('exists but does not run');
});

test('a CHROME_PATH that points nowhere is reported as such, and nothing is installed', () => {
  const r = ensure({ path: join(dir, 'typo'), explicit: true, canInstall: () => true, install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toBe(`ensure-chromium: CHROME_PATH=${join(dir, 'typo')} is not an executable file.`);
});

test('missing, and not root on Debian: says exactly how to install, exit 1', () => {
  const r = ensure({ path: join(dir, 'missing'), explicit: false, canInstall: () => false, install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toContain(`No Chromium found at ${join(dir, 'missing')}`);
  expect(r.err).toContain('apt-get update && sudo apt-get install -y chromium');
  expect(r.err).toContain('CHROME_PATH');
});

test('missing, as root on Debian: installs, checks the installed browser runs, exit 0', () => {
  const path = join(dir, 'installed-later');
  let installs = 0;
  const r = ensure({
    path,
    explicit: false,
    canInstall: () => true,
    install: () => {
      installs++;
      fakeBrowser('installed-later', 'echo "Chromium 1000.0 from apt"');
      return true;
    },
  });
  expect(installs).toBe(1);
  expect(r.code).toBe(0);
  expect(r.out).toBe('ensure-chromium: installed Chromium 1000.0 from apt');
});

test('an install that fails, or leaves no working browser, is an error', () => {
  const failed = ensure({ path: join(dir, 'never'), explicit: false, canInstall: () => true, install: () => false });
  expect(failed.code).toBe(1);
  expect(failed.err).toContain('apt-get could not install chromium');
  const broken = ensure({
    path: join(dir, 'broken-after'),
    explicit: false,
    canInstall: () => true,
    install: () => (fakeBrowser('broken-after', 'exit 1'), true),
  });
  expect(broken.code).toBe(1);
  expect(broken.err).toContain('still does not run');
});
