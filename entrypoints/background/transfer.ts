// PLACEHOLDER (owned by the export work): export and import requests.
import type { Handlers } from '@/lib/messages';
export function transferHandlers(): Handlers { return {}; }
