// The latest request wins: an answer that arrives after a newer request was made is never used, and its caller
// gets the newer request's outcome; answers in order are each used.
import { expect, test } from 'vitest';
import { latestRequest } from '@/lib/notes/latest-request';

/** A request whose answer the test gives when it wants. */
function pending<A>() {
  let answer!: (value: A) => void;
  const asked = new Promise<A>((resolve) => (answer = resolve));
  return { asked, answer };
}

test('an older answer that comes last is dropped: both callers get what the newer request made of its answer', async () => {
  const requests = latestRequest<string>();
  const used: string[] = [];
  const first = pending<string>();
  const second = pending<string>();
  const older = requests.run(() => first.asked, (list) => (used.push(list), `shown ${list}`));
  const newer = requests.run(() => second.asked, (list) => (used.push(list), `shown ${list}`));
  second.answer('new');
  first.answer('old');
  expect(await older).toBe('shown new');
  expect(await newer).toBe('shown new');
  expect(used).toEqual(['new']);
});

test('answers that come in order are each used; a failed ask fails its own caller only', async () => {
  const requests = latestRequest<number>();
  expect(await requests.run(async () => 1, (n) => n * 10)).toBe(10);
  await expect(requests.run(() => Promise.reject(new Error('background gone')), (n: number) => n)).rejects.toThrow('background gone');
  expect(await requests.run(async () => 2, async (n) => n * 10)).toBe(20);
});
