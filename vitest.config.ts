import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: `unit` runs the pure core (jsdom, fake-indexeddb, WXT's fake browser);
// `e2e` drives Debian's Chromium with the built extension loaded (tests/e2e/).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        // WXT's mock of `browser` imports the fake from 'wxt/testing', whose index also loads the Vitest plugin
        // and with it esbuild, which refuses to start under jsdom; the fake alone is all the mock needs.
        resolve: { alias: [{ find: /^wxt\/testing$/, replacement: fileURLToPath(import.meta.resolve('wxt/testing/fake-browser')) }] },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/unit/setup.ts'],
          // The property tests run hundreds of generated cases each; when both cores are shared with a browser suite
          // and builds, some take longer than Vitest's default 5 s. The limit only stops a test that hangs: what each
          // test asserts does not depend on it.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A browser test waits for the state it checks; on a loaded machine (two suites and two browsers on two
          // cores) a page's answer to a key can take more than expect.poll's default second.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
