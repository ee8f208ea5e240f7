// Wires lib/page's controller into the extension: settings from storage.local (and their changes, applied at
// once), the badge report, the popup's requests, keyboard commands and single-page navigation.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import datasetJson from '@/lib/reference/dataset.json';
import type { Dataset } from '@/lib/reference/types';
import { createMatcher } from '@/lib/match';
import { indexDataset } from '@/lib/highlight/card-model';
import { createPageController, type PageController } from '@/lib/page/controller';
import { loadSettings, watchSettings } from '@/lib/page/settings';
import { createClient, routeMessage, type Handlers } from '@/lib/messages';
import { mountCardLayer } from '@/components/CardLayer';

/** Starts the highlights; returns the controller (null in iframes) so notes can ask what a selection lies on. */
export function startReferenceHighlights(ctx: ContentScriptContext): PageController | null {
  // Only the top frame: ads and embeds in iframes are never the article, and one frame answers the popup.
  if (window.top !== window) return null;
  const dataset = datasetJson as Dataset;
  const send = createClient((m) => browser.runtime.sendMessage(m));

  const card = mountCardLayer(document, () => controller.closeCard());
  const controller = createPageController({
    doc: document,
    matcher: createMatcher(dataset),
    reference: indexDataset(dataset),
    card,
    isOwn: (n) => n === card.host,
    onChange: (summary) => {
      // The background may be restarting (MV3 service worker); the next change reports again.
      send('page/report', { total: summary.total }).catch(() => {});
    },
  });

  const handlers: Handlers = {
    'page/summary': () => controller.summary(),
    'page/reveal': ({ referenceId }) => controller.reveal(referenceId),
    'page/step': ({ direction }) => controller.step(direction),
  };
  const onMessage = (message: unknown, sender: unknown) => routeMessage(handlers, message, sender);
  browser.runtime.onMessage.addListener(onMessage);

  const unwatch = watchSettings(browser.storage.onChanged, (settings) => void controller.apply(settings));
  void loadSettings(browser.storage.local).then((settings) => controller.apply(settings));

  // Single-page apps: a new URL is a new article. WXT fires this for pushState/replaceState/popstate.
  let path = location.pathname + location.search;
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    const next = location.pathname + location.search;
    if (next === path) return; // a #fragment change is the same article
    path = next;
    // Give the app a moment to render the new article before detecting it.
    ctx.setTimeout(() => void controller.rerun(), 300);
  });

  ctx.onInvalidated(() => {
    unwatch();
    browser.runtime.onMessage.removeListener(onMessage);
    controller.destroy();
    card.destroy();
  });
  return controller;
}
