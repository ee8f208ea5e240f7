// What Backstory costs a page after it has painted, measured in Chromium against the same page without it in the
// same run: (1) typing latency in the page's own field on a 5 MB article with tens of thousands of highlights
// (every change to the DOM makes the browser re-check the highlights it has registered), and (2) a live blog
// that appends 100 paragraphs a second: how many of its own timer ticks the page still gets.
import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser, PageServer } from '../chromium';
import { settledSummary } from '../page-summary';
import { prng } from './prng';
import { median } from './median';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');


const FILLER = 'the of and to in that it was for on are as with they at be this from have or by one had not but what all were when we there can an your which their said if will each about how up out them then'.split(' ');

/** Sentences about the reference's subject: filler with a reference name about one word in `every`. */
function sentences(random: () => number, names: readonly string[], words: number, every: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 1 / every ? names[Math.floor(random() * names.length)]! : FILLER[Math.floor(random() * FILLER.length)]!);
  out.push('Syria.');
  return out.join(' ');
}

/** (1) A 5 MB article with a reference name every ten words or so, and a comment field above it. */
export function typingPage(names: readonly string[], bytes = 5_000_000): { html: string; paragraphs: number } {
  const random = prng(5_000_000);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = `<p>${escapeHtml(sentences(random, names, 60 + Math.floor(random() * 80), 10))}</p>`;
    paragraphs.push(p);
    size += p.length;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The war in Syria: the full record</title></head><body>
<main><form><label>Your comment <textarea id="comment" rows="3" cols="60"></textarea></label></form>
<article><h1>The war in Syria: the full record</h1>${paragraphs.join('\n')}</article></main></body></html>`;
  return { html, paragraphs: paragraphs.length };
}

/** (2) A live blog: its own script appends a paragraph naming the reference's places every 10 ms. */
export function liveBlogPage(names: readonly string[]): string {
  const random = prng(100);
  const lines = Array.from({ length: 200 }, () => sentences(random, names, 40, 12));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: the fighting in Syria</title></head><body>
<main><article><h1>Live: the fighting in Syria</h1><div id="feed"><p>${escapeHtml(lines[0]!)}</p></div></article></main>
<script>
const LINES = ${JSON.stringify(lines)};
window.__ticks = 0;
window.__start = () => {
  window.__ticks = 0;
  const feed = document.getElementById('feed');
  window.__timer = setInterval(() => {
    const p = document.createElement('p');
    p.textContent = 'Update ' + window.__ticks + ': ' + LINES[window.__ticks % LINES.length];
    feed.append(p);
    window.__ticks++;
  }, 10);
};
window.__stop = () => { clearInterval(window.__timer); return window.__ticks; };
</script></body></html>`;
}

export interface TypingResult {
  /** Keystroke to the frame that shows it, median, in ms. */
  withMs: number;
  withoutMs: number;
  /** Highlights Backstory found, and how many it had registered in CSS.highlights while typing. */
  highlights: number;
  registered: number;
}

/** Starts timing each keydown in the page's field to just after the next frame, and focuses the field. */
async function timeKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    const field = document.getElementById('comment') as HTMLTextAreaElement;
    const times: number[] = [];
    (window as unknown as { __latency: number[] }).__latency = times;
    field.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => times.push(performance.now() - t0);
        channel.port2.postMessage(0);
      });
    });
  });
}

/** Types `keys` keystrokes into the page's field; returns the latencies measured so far. */
async function typeInto(page: Page, keys: number): Promise<number[]> {
  await page.bringToFront();
  await page.evaluate(() => (document.getElementById('comment') as HTMLTextAreaElement).focus());
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(i % 7 === 6 ? 'Space' : 'a');
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __latency: number[] }).__latency);
}

function registeredCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    (CSS.highlights as unknown as Map<string, { size: number }>).forEach((h, name) => {
      if (name.startsWith('backstory-')) n += h.size;
    });
    return n;
  });
}

/**
 * Both pages open at once, typed into in turns (four rounds of `keys / 4`), so a machine that gets busier or
 * quieter during the run weighs on both sides alike.
 */
export async function measureTyping(ext: ExtensionBrowser, plain: BrowserContext, server: PageServer, names: readonly string[], keys = 60): Promise<TypingResult> {
  server.set('/cost/typing.html', typingPage(names).html);
  const url = `${server.origin}/cost/typing.html`;
  const without = await plain.newPage();
  await without.goto(url, { timeout: 120_000 });
  const page = await ext.context.newPage();
  await page.goto(url, { timeout: 120_000 });
  const summary = await settledSummary(ext, url, 300_000);
  await timeKeys(without);
  await timeKeys(page);
  let withoutTimes: number[] = [];
  let withTimes: number[] = [];
  for (let round = 0; round < 4; round++) {
    withoutTimes = await typeInto(without, keys / 4);
    withTimes = await typeInto(page, keys / 4);
  }
  const registered = await registeredCount(page);
  await without.close();
  await page.close();
  return { withMs: median(withTimes), withoutMs: median(withoutTimes), highlights: summary?.total ?? 0, registered };
}

export interface LiveBlogResult {
  /** The page's own timer ticks (paragraphs appended) in the window, with and without Backstory. */
  withTicks: number;
  withoutTicks: number;
  seconds: number;
  /** Highlights Backstory had found by the end of a round, and the most registered at once. */
  highlights: number;
  registered: number;
}

/** A fresh copy of the live blog runs its feed for `seconds`; returns its ticks (and the page, still open). */
async function runFeed(context: BrowserContext, url: string, seconds: number, settle?: ExtensionBrowser): Promise<{ ticks: number; page: Page }> {
  const page = await context.newPage();
  await page.goto(url);
  if (settle) await settledSummary(settle, url, 60_000);
  await page.evaluate(() => (window as unknown as { __start(): void }).__start());
  await page.waitForTimeout(seconds * 1000);
  const ticks = await page.evaluate(() => (window as unknown as { __stop(): number }).__stop());
  return { ticks, page };
}

/** Rounds of `seconds / rounds` each, without and with Backstory in turns (a drifting machine load weighs on both). */
export async function measureLiveBlog(ext: ExtensionBrowser, plain: BrowserContext, server: PageServer, names: readonly string[], seconds = 40, rounds = 2): Promise<LiveBlogResult> {
  server.set('/cost/live.html', liveBlogPage(names));
  const url = `${server.origin}/cost/live.html`;
  let withoutTicks = 0;
  let withTicks = 0;
  let highlights = 0;
  let registered = 0;
  for (let round = 0; round < rounds; round++) {
    const without = await runFeed(plain, url, seconds / rounds);
    withoutTicks += without.ticks;
    await without.page.close();
    const withIt = await runFeed(ext.context, url, seconds / rounds, ext);
    withTicks += withIt.ticks;
    registered = Math.max(registered, await registeredCount(withIt.page));
    highlights = (await settledSummary(ext, url, 120_000))?.total ?? highlights;
    await withIt.page.close();
  }
  return { withTicks, withoutTicks, seconds, highlights, registered };
}
