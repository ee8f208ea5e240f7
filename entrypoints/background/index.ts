import { routeMessage, type Handlers } from '@/lib/messages';
import { notesHandlers, startNotesBackground } from './notes';
import { pageHandlers, startPageBackground } from './page';
import { startFirstRun } from './first-run';

// The background answers typed messages from content scripts and Backstory's pages, relays notes changes
// to open pages and keeps the notes' backup. Each area registers its handlers.
export default defineBackground(() => {
  const handlers: Handlers = { ...notesHandlers(), ...pageHandlers() };
  browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => routeMessage(handlers, message, sender));
  startNotesBackground();
  startPageBackground();
  startFirstRun();
});
