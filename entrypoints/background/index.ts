import { routeMessage, type Handlers } from '@/lib/messages';
import { notesHandlers, startNotesBackground } from './notes';
import { pageHandlers, startPageBackground } from './page';
import { startFirstRun } from './first-run';
import { startInjection } from './inject';

// The background answers typed messages from content scripts and Backstory's pages, relays notes changes
// to open pages, keeps the notes' backup, and gives open tabs the content script on install and update. Each
// area registers its handlers.
export default defineBackground(() => {
  const handlers: Handlers = { ...notesHandlers(), ...pageHandlers() };
  browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => routeMessage(handlers, message, sender));
  startNotesBackground();
  startPageBackground();
  startFirstRun();
  startInjection();
});
