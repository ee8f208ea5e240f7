// Helpers for the hostile-page browser tests: the page's side is played by a test page, Backstory's by the built
// extension; these set up notes, read what Backstory reports about a tab, and count what reaches its background.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness';
import type { Annotation } from '../../../lib/notes/types';
import type { PageSummary } from '../../../lib/page/messages';
import type { Dataset } from '../../../lib/reference/types';
import { normalizeUrl } from '../../../lib/url';
import { summaryOf, tabShowing } from '../../../scripts/page-summary';

export const dataset = JSON.parse(readFileSync(resolve('lib/reference/dataset.json'), 'utf8')) as Dataset;

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A short news article on the reference's subject, with names Backstory highlights. */
export function articleHtml(title: string, paragraphs: string[], head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>${head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main><article><h1>${esc(title)}</h1>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></main></body></html>`;
}

export const SYRIA = [
  'Shelling resumed in the old city of Homs on Tuesday, residents said, as government forces pressed on towards Aleppo.',
  'Bashar al-Assad told state television in Damascus that the army would not stop, and the United Nations called for a ceasefire.',
  'Activists said the fighting in Syria had driven thousands more from their homes since the weekend.',
];

/**
 * A page with one figure agreeing with the reference and one differing from it: the reference's largest running
 * death toll credited to a source for a place, and 80% of it, on a page dated three days after the reference's
 * figure (the same date for a running total). A closing paragraph names the reference's most named people and
 * organisations, so the page is on the reference's subject. `differs` is the differing figure's text.
 */
export function differingFigurePage(extraHead = ''): { html: string; differs: string; agrees: string } {
  const killed = dataset.figures
    .filter((f) => f.counts === 'people killed' && f.scope === 'total' && f.attributedToId && f.placeId && /^\d{4}-\d{2}-\d{2}$/.test(f.asOf ?? ''))
    .sort((a, b) => b.value - a.value)[0];
  if (!killed) throw new Error('the dataset has no attributed running death toll');
  const name = (id: string | undefined) => dataset.entities.find((e) => e.id === id)?.name ?? '';
  const place = name(killed.placeId);
  const source = name(killed.attributedToId);
  const subject = dataset.entities
    .filter((e) => e.type !== 'place' && e.id !== killed.attributedToId)
    .sort((a, b) => b.mentions.length - a.mentions.length)
    .slice(0, 3)
    .map((e) => e.name)
    .join(', ');
  const day = new Date(`${killed.asOf}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 3);
  const date = day.toISOString().slice(0, 10);
  const lower = Math.round((killed.value * 0.8) / 1000) * 1000;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The toll in ${esc(place)}</title>
<meta property="article:published_time" content="${date}T09:00:00Z">${extraHead}</head><body><main><article>
<h1>The toll in ${esc(place)}</h1>
<p>The ${esc(source)} says more than ${fmt(killed.value)} people have been killed in ${esc(place)} since the uprising began.</p>
<p id="rival" style="font-size: 32px">Officials in the capital dispute that count. A pro-government newspaper put the number at ${fmt(lower)} killed in ${esc(place)}.</p>
<p id="plain">The weather was mild and dry for most of the week.</p>
<p>${esc(subject)} were named again this week.</p>
</article></main></body></html>`;
  return { html, differs: fmt(lower), agrees: fmt(killed.value) };
}

/** A note on `url`, quoting `exact` (with optional context), as the repository stores it. */
export function noteOn(url: string, text: string, exact?: string, context: { prefix?: string; suffix?: string } = {}): Annotation {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(), url: normalizeUrl(url), title: 'A page', created: now, modified: now, text, tags: [],
    ...(exact ? { target: { quote: { type: 'TextQuoteSelector' as const, exact, prefix: context.prefix ?? '', suffix: context.suffix ?? '' } } } : {}),
  };
}

/** Writes notes straight into the notes database (from one of Backstory's pages), as if saved earlier. */
export async function putNotes(browser: ExtensionBrowser, notes: Annotation[]): Promise<void> {
  const page = await browser.openExtensionPage('options.html');
  await page.evaluate(async (records) => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction(['annotations'], 'readwrite');
    for (const r of records) tx.objectStore('annotations').put(r);
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    db.close();
  }, notes);
  await page.close();
}

/** Settings as the popup saves them (storage.local), for tests that set them up rather than click them. */
export async function saveSettings(browser: ExtensionBrowser, settings: object): Promise<void> {
  const [worker] = browser.context.serviceWorkers();
  await worker!.evaluate(async (value) => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
    await chrome.storage.local.set({ 'backstory:settings': value });
  }, settings);
}

/** The tab's summary once Backstory has settled on it (its content script answers and is done painting). */
export async function settledOn(browser: ExtensionBrowser, page: Page, timeout = 30_000): Promise<PageSummary> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const tabId = await tabShowing(browser, page.url());
    const summary = tabId >= 0 ? await summaryOf(browser, tabId) : null;
    // Builds from before the status field said `settled: true`: this suite also runs against them
    // (BACKSTORY_OUT_DIR) to show each test fails on the code before its fix.
    if (summary?.status === 'settled' || (summary as { settled?: boolean } | null)?.settled === true) return summary!;
    if (Date.now() > deadline) throw new Error(`Backstory did not settle on ${page.url()} (last: ${JSON.stringify(summary)})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Every `backstory-*` entry of the page's CSS.highlights with its ranges' text, read by the page's own script. */
export function highlightsSeenByPage(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    (CSS.highlights as unknown as Map<string, Set<AbstractRange>>).forEach((h, name) => {
      if (name.startsWith('backstory-')) out[name] = [...h].map((r) => (r instanceof Range ? r.toString() : ''));
    });
    return out;
  });
}

/**
 * Counts the messages of `type` that reach Backstory's background from now on (a listener added beside its own
 * in the service worker). `read` returns the count so far.
 */
export async function countBackgroundMessages(browser: ExtensionBrowser, type: string): Promise<{ read(): Promise<number> }> {
  const [worker] = browser.context.serviceWorkers();
  const key = `__count_${type.replace(/\W/g, '_')}_${Math.random().toString(36).slice(2)}`;
  await worker!.evaluate(([t, k]) => {
    const g = globalThis as unknown as Record<string, number> & { chrome: { runtime: { onMessage: { addListener(l: (m: { type?: string }) => void): void } } } };
    g[k] = 0;
    g.chrome.runtime.onMessage.addListener((m) => {
      if (m?.type === t) g[k]!++;
    });
  }, [type, key] as const);
  return { read: () => worker!.evaluate((k) => (globalThis as unknown as Record<string, number>)[k] ?? 0, key) };
}
