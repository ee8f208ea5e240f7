// PLACEHOLDER (owned by the highlighting work).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
export function startReferenceHighlights(_ctx: ContentScriptContext): void {}
