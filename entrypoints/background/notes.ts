// PLACEHOLDER (owned by the notes work): the notes database, context menu and commands.
import type { Handlers } from '@/lib/messages';
export function notesHandlers(): Handlers { return {}; }
export function startNotesBackground(): void {}
