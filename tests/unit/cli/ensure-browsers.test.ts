// scripts/ensure-browsers.ts decides whether `npm test` can drive its browsers, and installs Debian's packages on a
// fresh root machine. Stand-in browsers (tiny shell scripts) and a stand-in installer keep these tests from
// installing or starting a real browser.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ensureBrowsers, majorOf, type BrowserCheck, type EnsureOptions } from '../../../scripts/ensure-browsers';

const dir = mkdtempSync(join(tmpdir(), 'backstory-ensure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBrowser(name: string, script: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

const chromium = (path: string, explicit = false): BrowserCheck => ({
  label: 'Chromium',
  path,
  envVar: 'CHROME_PATH',
  explicit,
  aptPackage: 'chromium',
  hint: `No Chromium found at ${path}.\n  sudo apt-get update && sudo apt-get install -y chromium\n  or set CHROME_PATH`,
});
const firefox = (path: string): BrowserCheck => ({
  label: 'Firefox',
  path,
  envVar: 'FIREFOX_PATH',
  explicit: false,
  aptPackage: 'firefox-esr',
  minMajor: 140,
  hint: `No Firefox found at ${path}.\n  sudo apt-get install -y firefox-esr`,
});

function ensure(options: EnsureOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = ensureBrowsers({ out: (l) => out.push(l), err: (l) => err.push(l), ...options });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const neverInstall = () => {
  throw new Error('must not install');
};

test('browsers that start are reported with their versions, exit 0, and nothing is installed', () => {
  const c = fakeBrowser('chromium-ok', 'echo "Chromium 999.0.1 test build"');
  const f = fakeBrowser('firefox-ok', 'echo "Mozilla Firefox 153.8.0esr"');
  const r = ensure({ browsers: [chromium(c), firefox(f)], install: neverInstall });
  expect(r.code).toBe(0);
  expect(r.out).toBe(`ensure-browsers: Chromium 999.0.1 test build (${c})\nensure-browsers: Mozilla Firefox 153.8.0esr (${f})`);
});

test('a browser that exists but does not start is an error, not a pass', () => {
  const r = ensure({ browsers: [chromium(fakeBrowser('chromium-broken', 'exit 3'))], install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toContain('exists but does not run');
});

test('a Firefox older than the oldest Backstory supports is refused, with how to get a newer one', () => {
  const old = fakeBrowser('firefox-128', 'echo "Mozilla Firefox 128.14.0esr"');
  const r = ensure({ browsers: [firefox(old)], canInstall: () => true, install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toContain('Mozilla Firefox 128.14.0esr');
  expect(r.err).toContain('older than Firefox 140');
  expect(r.err).toContain('firefox-esr');
});

test('a CHROME_PATH that points nowhere is reported as such, and nothing is installed', () => {
  const r = ensure({ browsers: [chromium(join(dir, 'typo'), true)], canInstall: () => true, install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toBe(`ensure-browsers: CHROME_PATH=${join(dir, 'typo')} is not an executable file.`);
});

test('missing, and not root on Debian: says exactly how to install each, exit 1', () => {
  const r = ensure({ browsers: [chromium(join(dir, 'missing')), firefox(join(dir, 'missing-ff'))], canInstall: () => false, install: neverInstall });
  expect(r.code).toBe(1);
  expect(r.err).toContain(`No Chromium found at ${join(dir, 'missing')}`);
  expect(r.err).toContain('apt-get update && sudo apt-get install -y chromium');
  expect(r.err).toContain(`No Firefox found at ${join(dir, 'missing-ff')}`);
});

test('missing, as root on Debian: installs both packages in one run, checks they start, exit 0', () => {
  const c = join(dir, 'chromium-later');
  const f = join(dir, 'firefox-later');
  const runs: string[][] = [];
  const r = ensure({
    browsers: [chromium(c), firefox(f)],
    canInstall: () => true,
    install: (packages) => {
      runs.push(packages);
      fakeBrowser('chromium-later', 'echo "Chromium 1000.0 from apt"');
      fakeBrowser('firefox-later', 'echo "Mozilla Firefox 153.0esr"');
      return true;
    },
  });
  expect(runs).toEqual([['chromium', 'firefox-esr']]);
  expect(r.code).toBe(0);
  expect(r.out).toBe(`ensure-browsers: Chromium 1000.0 from apt (${c})\nensure-browsers: Mozilla Firefox 153.0esr (${f})`);
});

test('only the missing browser is installed', () => {
  const c = fakeBrowser('chromium-there', 'echo "Chromium 1000.0"');
  const runs: string[][] = [];
  const r = ensure({
    browsers: [chromium(c), firefox(join(dir, 'firefox-only-later'))],
    canInstall: () => true,
    install: (packages) => (runs.push(packages), fakeBrowser('firefox-only-later', 'echo "Mozilla Firefox 153.0esr"'), true),
  });
  expect(runs).toEqual([['firefox-esr']]);
  expect(r.code).toBe(0);
});

test('an install that fails, or leaves no working browser, is an error', () => {
  const failed = ensure({ browsers: [chromium(join(dir, 'never'))], canInstall: () => true, install: () => false });
  expect(failed.code).toBe(1);
  expect(failed.err).toContain('apt-get could not install chromium');
  const absent = ensure({ browsers: [chromium(join(dir, 'absent-after'))], canInstall: () => true, install: () => true });
  expect(absent.code).toBe(1);
  expect(absent.err).toContain('was installed but');
  const broken = ensure({
    browsers: [chromium(join(dir, 'broken-after'))],
    canInstall: () => true,
    install: () => (fakeBrowser('broken-after', 'exit 1'), true),
  });
  expect(broken.code).toBe(1);
  expect(broken.err).toContain('does not run');
});

test('majorOf reads the major version from a browser version line', () => {
  expect(majorOf('Mozilla Firefox 153.8.0esr')).toBe(153);
  expect(majorOf('Chromium 156.0.8078.108 built on Debian')).toBe(156);
  expect(majorOf('no version here')).toBeNull();
});
