// The toolbar badge: the page's report sets the count on the tab it came from.
import { expect, test } from 'vitest';
import { badgeText, reportToBadge } from '@/lib/page/badge';

test('the count as badge text: none is no badge, large counts stay short', () => {
  expect([0, -3, Number.NaN, Infinity].map(badgeText)).toEqual(['', '', '', '']);
  expect([1, 42, 999, 1000, 12_345, 7.9].map(badgeText)).toEqual(['1', '42', '999', '1k+', '12k+', '7']);
});

test('a report sets the badge of the tab that sent it; reports without a tab, or without a badge, change nothing', async () => {
  const set: { tabId: number; text: string }[] = [];
  const handle = reportToBadge(async (details) => void set.push(details));
  expect(await handle({ total: 12 }, { tab: { id: 4 }, frameId: 0 })).toBeNull();
  await handle({ total: 0 }, { tab: { id: 5 } });
  await handle({ total: 3 }, { url: 'chrome-extension://x/popup.html' });
  await handle({ total: 3 }, undefined);
  expect(set).toEqual([{ tabId: 4, text: '12' }, { tabId: 5, text: '' }]);
  await expect(reportToBadge(undefined)({ total: 3 }, { tab: { id: 4 } })).resolves.toBeNull();
});
