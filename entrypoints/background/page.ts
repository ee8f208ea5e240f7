// PLACEHOLDER (owned by the highlighting work): badge, per-site and per-category settings.
import type { Handlers } from '@/lib/messages';
export function pageHandlers(): Handlers { return {}; }
export function startPageBackground(): void {}
