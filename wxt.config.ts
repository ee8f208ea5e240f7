import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import { FIREFOX_ANDROID_MIN_VERSION, FIREFOX_MIN_VERSION } from './scripts/browser-targets';
import { iconPaths, writeIcons } from './scripts/icons';
import { referenceSummary } from './scripts/reference-summary';

/** Rendered by the build from assets/icon*.svg (scripts/icons.ts) into WXT's own scratch folder, never committed. */
let renderedIcons: { size: number; path: string }[] = [];

// Backstory's extension manifest and build. Permissions are the minimum the features need;
// README.md ("Permissions") says why each one is there.
export default defineConfig({
  // Parallel builds (tests, benches, several developers) can each write to their own folder.
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: {
      alias: {
        react: 'preact/compat',
        'react-dom': 'preact/compat',
        // WXT's content-script context announces itself to the page (a DOM event and a postMessage carrying the
        // extension's id) and stops when a page sends that event back; Backstory's has no page-visible channel
        // (lib/page/content-context.ts says how it ends instead).
        'wxt/utils/content-script-context': resolve(import.meta.dirname, 'lib/page/content-context.ts'),
      },
    },
    plugins: [referenceSummary()],
    build: {
      // Source maps only when asked, for scripts/bench/content-size.ts (never referenced from the shipped files).
      sourcemap: process.env.BACKSTORY_SOURCEMAP ? 'hidden' : false,
      rollupOptions: {
        onwarn(warning, warn) {
          // zod's own sources carry prose comments that mention `@__PURE__` where Rollup looks for annotations;
          // Rollup drops the comment and says so for every bundle that includes zod (four times a build). It
          // changes nothing in the output, so this one known message is silenced, and nothing else.
          if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
          warn(warning);
        },
      },
    },
  }),
  hooks: {
    'build:before': async (wxt) => {
      renderedIcons = await writeIcons(resolve(wxt.config.wxtDir, 'icons'));
    },
    'build:publicAssets': (_wxt, files) => {
      for (const { size, path } of renderedIcons) files.push({ absoluteSrc: path, relativeDest: `icons/${size}.png` });
    },
  },
  zip: {
    // The sources zip is what addons.mozilla.org reviewers rebuild the Firefox add-on from: exactly the files the
    // build reads (and the README that says how), nothing else. Everything is excluded unless listed here.
    excludeSources: ['**/*'],
    includeSources: [
      'README.md',
      'package.json',
      'package-lock.json',
      '.npmrc',
      'tsconfig.json',
      'wxt.config.ts',
      'assets/**',
      'components/**',
      'entrypoints/**',
      'lib/**',
      'scripts/browser-targets.ts',
      'scripts/icons.ts',
      'scripts/reference-summary.ts',
    ],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Backstory',
    description:
      'Highlights the people, places, organisations and figures of a reference dataset in news articles, and keeps your notes on them.',
    icons: iconPaths(),
    // The toolbar shows 16 px (32 on high-density screens); the 16 px file is drawn for that size. WXT adds the
    // popup to whichever key the manifest version uses, keeping these fields.
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_title: 'Backstory', default_icon: iconPaths([16, 32]) },
    // unlimitedStorage: the notes database must not hit the origin quota (no install warning).
    // activeTab: where a user limits Backstory's site access (Chrome's "on click"), invoking the popup or a
    // command still lets it act on the current tab. Exports need no `downloads`: an <a download> suffices.
    // scripting: tabs open before an install or update get the content script (from the background on install,
    // from the popup on demand) instead of staying without Backstory until they are reloaded; our highlight
    // styles are inserted by the browser (scripting.insertCSS), ahead of the page's own sheets, so no rule of the
    // page can hide or restyle a mark; and a page whose markup does not settle the article gets Readability, a
    // script of its own kept out of the content script.
    // offscreen (Chrome only, no install warning): reference sets are built in a worker, which a Manifest V3
    // service worker cannot start; an offscreen document hosts it (Firefox's background page starts it itself).
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // The same sites the content script already runs on (no extra install warning): lets the popup and
    // background read a tab's URL and title (tabs.get/query), e.g. for pages where the content script is
    // not answering yet, and the browser-test harness find a tab by URL; and lets `scripting` reach those tabs
    // (the content script started in tabs open before an install, the highlight styles inserted).
    host_permissions: ['http://*/*', 'https://*/*'],
    // Suggested keys a browser accepts on install: Chromium (156) keeps Alt+Shift+N for itself and would leave
    // "Add a note" with no key at all (the browser test of the first-run page reads what the browser assigned).
    commands: {
      'add-note': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'Add a note to the selected text',
      },
      'next-highlight': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Move to the next highlight',
      },
      'previous-highlight': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Move to the previous highlight',
      },
    },
    // The note tooltip and the inline composer: Backstory's own page in a frame, so a note's text never enters the
    // page's document (its scripts cannot read it, and keys typed into the composer never reach them). Chrome's
    // dynamic URL changes every session, so a page can neither probe for the file nor recognise the frame's id.
    web_accessible_resources: [{ resources: ['note-frame.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // A UUID id: ours for good (an e-mail-style id would need a domain the project owns).
              id: '{250d9b78-2504-4943-85ba-6aa21f7c95fb}',
              // The first Firefox with the CSS Custom Highlight API (scripts/browser-targets.ts says why it matters).
              strict_min_version: FIREFOX_MIN_VERSION,
              // Nothing leaves the browser: no analytics, no network requests, notes stay local.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
          },
        }
      : {}),
  }),
});
