import { defineConfig } from 'wxt';

// Backstory's extension manifest and build. Permissions are the minimum the features need;
// README.md ("Permissions") says why each one is there.
export default defineConfig({
  // Parallel builds (tests, benches, several developers) can each write to their own folder.
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Highlights the people, places, organisations and figures of a reference dataset in news articles, and keeps your notes on them.',
    // unlimitedStorage: the notes database must not hit the origin quota (no install warning).
    // activeTab: where a user limits Backstory's site access (Chrome's "on click"), invoking the popup or a
    // command still lets it act on the current tab. Exports need no `downloads`: an <a download> suffices.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab'],
    // The same sites the content script already runs on (no extra install warning): lets the popup and
    // background read a tab's URL and title (tabs.get/query), e.g. for pages where the content script is
    // not answering yet, and the browser-test harness find a tab by URL.
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'add-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Add a note to the selected text',
      },
      'next-highlight': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Move to the next highlight',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'backstory@example.org', strict_min_version: '128.0' } } }
      : {}),
  }),
});
