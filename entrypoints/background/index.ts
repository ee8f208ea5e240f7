import { routeMessage, type Handlers } from '@/lib/messages';
import { notesHandlers, startNotesBackground } from './notes';
import { pageHandlers, startPageBackground } from './page';
import { transferHandlers } from './transfer';
import { startFirstRun } from './first-run';

// The background owns the notes database (the extension's origin) and answers typed messages
// from the popup, options page and content scripts. Each area registers its handlers.
export default defineBackground(() => {
  const handlers: Handlers = { ...notesHandlers(), ...pageHandlers(), ...transferHandlers() };
  browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => routeMessage(handlers, message, sender));
  startNotesBackground();
  startPageBackground();
  startFirstRun();
});
