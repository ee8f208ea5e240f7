// What the content script and Backstory's note frame (entrypoints/note-frame) say to each other. The frame is an
// extension page shown inside the web page: the note tooltip and the inline composer live there, so a note's text
// is never in the page's document. The two talk over a private port (tabs.connect from the frame to the content
// script of its tab), never by postMessage, which the page would hear. A frame proves it is the one the content
// script opened by a token in its address, made here and never put where the page can read it.
import type { TooltipNote } from './page-controller';

/** The name of the frame's port, followed by its token. */
export const FRAME_PORT_PREFIX = 'backstory-frame:';

/** A token a page cannot guess: 128 random bits. */
export function newFrameToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the composer shows about the passage it notes. */
export interface ComposerDraft {
  /** The selected words. */
  quote: string;
  /** "On …": the reference item the selection lies on (referenceLinkText), if any. */
  reference?: string;
  /** Text and tags the reader typed before closing a composer on the same words. */
  text?: string;
  tags?: string;
}

/** Content script → frame. `seq` ties a view to the frame's answer (its size), so a stale answer is ignored. */
export type ToFrame =
  /** The notes at a place; the frame draws them no larger than the page's viewport allows. */
  | { type: 'tooltip'; seq: number; notes: TooltipNote[]; maxWidth: number; maxHeight: number }
  | { type: 'compose'; seq: number; draft: ComposerDraft; width: number }
  /** Moves the keyboard focus to the composer's note field (after the page gave the frame focus). */
  | { type: 'focus' }
  /** The save failed: the composer stays, with the reason. */
  | { type: 'failed'; message: string }
  | { type: 'clear' };

/** Frame → content script. */
export type FromFrame =
  /** The view for `seq` is drawn; its size in CSS pixels. */
  | { type: 'rendered'; seq: number; width: number; height: number }
  | { type: 'save'; text: string; tags: string[]; keepReference: boolean }
  /** Closed without saving; what was typed, so reopening on the same words brings it back. */
  | { type: 'cancel'; text: string; tags: string }
  /** Whether the composer holds anything the reader typed (a click elsewhere then keeps it open). */
  | { type: 'dirty'; dirty: boolean };

// Checked by hand rather than with zod: this runs in the content script on every page, where zod would weigh more
// than the rest of the script's notes code together.
const isSize = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 10_000;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((t) => typeof t === 'string');

/** A message from the frame (a fresh object with only its own fields), or null for anything else. */
export function parseFromFrame(value: unknown): FromFrame | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'rendered':
      return Number.isInteger(m.seq) && isSize(m.width) && isSize(m.height) ? { type: 'rendered', seq: m.seq as number, width: m.width, height: m.height } : null;
    case 'save':
      return typeof m.text === 'string' && isStrings(m.tags) && typeof m.keepReference === 'boolean'
        ? { type: 'save', text: m.text, tags: [...m.tags], keepReference: m.keepReference }
        : null;
    case 'cancel':
      return typeof m.text === 'string' && typeof m.tags === 'string' ? { type: 'cancel', text: m.text, tags: m.tags } : null;
    case 'dirty':
      return typeof m.dirty === 'boolean' ? { type: 'dirty', dirty: m.dirty } : null;
    default:
      return null;
  }
}
