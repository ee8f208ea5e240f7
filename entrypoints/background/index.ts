import { routeMessage, type Handlers } from '@/lib/messages';
import { backupMoved, notesHandlers, startNotesBackground } from './notes';
import { pageHandlers, startPageBackground } from './page';
import { startFirstRun } from './first-run';
import { startInjection } from './inject';
import { startFrameRelay } from './frames';
import { setsHandlers, startSetsBackground } from './sets';

// The background answers typed messages from content scripts and Backstory's pages, relays notes changes
// to open pages, keeps the notes' backup, gives open tabs the content script on install and update, and joins
// Backstory's frame on a page to its tab's content script. Each area registers its handlers.
export default defineBackground(() => {
  const handlers: Handlers = { ...notesHandlers(), ...pageHandlers(), ...setsHandlers() };
  browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => routeMessage(handlers, message, sender));
  startNotesBackground();
  startPageBackground();
  startSetsBackground();
  startFirstRun();
  startInjection(backupMoved);
  startFrameRelay();
});
