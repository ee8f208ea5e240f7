// Backstory's content-script context: it ends when the extension runtime is gone or a newer copy starts in the
// same (isolated) world, and nothing a page dispatches, posts or defines can end it or learn the extension's id.
import { afterEach, expect, test, vi } from 'vitest';
import { ContentScriptContext } from '@/lib/page/content-context';
import { beginLifetime, RUNNING } from '@/lib/page/lifetime';

afterEach(() => vi.useRealTimers());

test('a copy cut off from its extension (runtime id gone) ends on the next check, and says so once', () => {
  vi.useFakeTimers();
  let alive = true;
  const ended = vi.fn();
  const scope = {};
  const lifetime = beginLifetime({ scope, isAlive: () => alive, onEnd: ended, pollMs: 1000 });
  vi.advanceTimersByTime(5000);
  expect(ended).not.toHaveBeenCalled();
  alive = false;
  vi.advanceTimersByTime(1000);
  expect(ended).toHaveBeenCalledTimes(1);
  expect(lifetime.ended).toBe(true);
  vi.advanceTimersByTime(5000);
  expect(ended).toHaveBeenCalledTimes(1);
  expect(RUNNING in scope).toBe(false);
});

test('a runtime that throws when asked counts as gone', () => {
  vi.useFakeTimers();
  const ended = vi.fn();
  beginLifetime({ scope: {}, isAlive: () => { throw new Error('Extension context invalidated.'); }, onEnd: ended, pollMs: 100 });
  vi.advanceTimersByTime(100);
  expect(ended).toHaveBeenCalledTimes(1);
});

test('a newer copy in the same world ends the earlier one first; copies in other worlds are left alone', () => {
  const world = {};
  const first = vi.fn();
  const older = beginLifetime({ scope: world, isAlive: () => true, onEnd: first });
  const elsewhere = vi.fn();
  beginLifetime({ scope: {}, isAlive: () => true, onEnd: elsewhere });
  const second = vi.fn();
  const newer = beginLifetime({ scope: world, isAlive: () => true, onEnd: second });
  expect(first).toHaveBeenCalledTimes(1);
  expect(older.ended).toBe(true);
  expect(second).not.toHaveBeenCalled();
  expect(elsewhere).not.toHaveBeenCalled();
  newer.end();
  expect(second).toHaveBeenCalledTimes(1);
});

test('the context WXT constructs announces nothing to the page and ignores WXT\'s start event from it', () => {
  const posted = vi.fn();
  const dispatched = vi.fn();
  window.addEventListener('message', posted);
  const dispatch = vi.spyOn(document, 'dispatchEvent');
  const ctx = new ContentScriptContext('content', {}, { isAlive: () => true, scope: {} });
  const stop = vi.fn();
  ctx.onInvalidated(stop);
  expect(dispatch).not.toHaveBeenCalled();
  // What WXT's own context listened for, sent by a page that learnt the id.
  for (const type of ['abc:content:wxt:content-script-started', 'wxt:content-script-started']) {
    document.addEventListener(type, dispatched);
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'page' } }));
    window.postMessage({ type, contentScriptName: 'content', messageId: 'page' }, '*');
  }
  expect(stop).not.toHaveBeenCalled();
  expect(ctx.isValid).toBe(true);
  expect(() => ctx.addEventListener(window, 'wxt:locationchange', () => {})).toThrow(/visible to the page/);
  ctx.notifyInvalidated();
  expect(stop).toHaveBeenCalledTimes(1);
  expect(ctx.isInvalid).toBe(true);
  window.removeEventListener('message', posted);
  dispatch.mockRestore();
});

test('its one-off timers leave no listener behind once they have run', async () => {
  const ctx = new ContentScriptContext('content', {}, { isAlive: () => true, scope: {} });
  const add = vi.spyOn(ctx.signal, 'addEventListener');
  const remove = vi.spyOn(ctx.signal, 'removeEventListener');
  let ran = 0;
  for (let i = 0; i < 50; i++) ctx.setTimeout(() => ran++, 0);
  await vi.waitFor(() => expect(ran).toBe(50));
  expect(add).toHaveBeenCalledTimes(50);
  expect(remove).toHaveBeenCalledTimes(50);
  ctx.notifyInvalidated();
});

test('a context that is never used keeps no timer (frames where the script returns at once)', () => {
  vi.useFakeTimers();
  const before = vi.getTimerCount();
  new ContentScriptContext('content', {}, { isAlive: () => true, scope: {} });
  expect(vi.getTimerCount()).toBe(before);
});
