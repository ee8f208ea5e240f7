// PLACEHOLDER (owned by the notes work).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
export function startNoteHighlights(_ctx: ContentScriptContext): void {}
