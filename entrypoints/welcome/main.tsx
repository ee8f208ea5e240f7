import { render } from 'preact';
import summary from 'virtual:reference-summary';
import iconUrl from '@/assets/icon.svg';
import { Welcome } from '@/components/Welcome';
import type { Shortcut } from '@/components/WelcomeShortcuts';
import '@/components/palette.css';
import './style.css';

// Where each browser lets the reader change an extension's keys (neither page can be linked to from here).
const SHORTCUTS_HINT = import.meta.env.FIREFOX
  ? 'Change them in Firefox’s Add-ons Manager (about:addons): the gear menu, then “Manage Extension Shortcuts”.'
  : 'Change them at chrome://extensions/shortcuts.';

/** The browser's current keys for Backstory's commands; the manifest's suggestions if it cannot say. */
async function shortcuts(): Promise<Shortcut[]> {
  try {
    const commands = await browser.commands.getAll();
    return commands
      .filter((c) => c.name && c.description && !c.name.startsWith('_'))
      .map((c) => ({ description: c.description ?? '', keys: c.shortcut ?? '' }));
  } catch {
    const declared = browser.runtime.getManifest().commands ?? {};
    return Object.values(declared).map((c) => ({ description: c.description ?? '', keys: c.suggested_key?.default ?? '' }));
  }
}

void shortcuts().then((list) =>
  render(
    <Welcome summary={summary} shortcuts={list} shortcutsHint={SHORTCUTS_HINT} iconUrl={iconUrl} notesUrl={browser.runtime.getURL('/options.html')} />,
    document.getElementById('app')!,
  ),
);
