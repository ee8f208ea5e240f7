// The content script: wires the page's two controllers, plain DOM code in lib/, to the extension. The page
// controller (reference highlights) owns the page model and lends it to the notes page controller, so both read
// one detection of the article. Settings come from storage.local (changes applied at once); the popup and the
// background reach both through one message listener; reports go to the badge and an open popup.
// It runs in other people's pages: what it adds lives in CSS.highlights or a shadow-root layer, and it never
// changes the page's text or nodes.
import datasetJson from '@/lib/reference/dataset.json';
import type { Dataset } from '@/lib/reference/types';
import { createReference } from '@/lib/reference/lookup';
import { createMatcher } from '@/lib/match';
import { createPageController } from '@/lib/page/controller';
import { loadSettings, watchSettings, type Settings } from '@/lib/page/settings';
import { watchLocation } from '@/lib/page/location';
import { Timer } from '@/lib/page/schedule';
import { createClient, routeMessage, type Envelope, type Handlers } from '@/lib/messages';
import { normalizeUrl } from '@/lib/url';
import { articleDocument } from '@/lib/sets/documents';
import { mountCardLayer } from '@/components/CardLayer';
import { isLayerHost } from '@/components/ShadowLayer';
import { startNotesOnPage } from './notes-ui';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    // Only the top frame: ads and embeds in iframes are never the article, and one frame answers the popup.
    if (window.top !== window) return;
    ctx.onInvalidated(startBackstory());
  },
});

/** Starts Backstory on this page; returns what stops it. */
function startBackstory(): () => void {
  const dataset = datasetJson as Dataset;
  const send = createClient((message: Envelope) => browser.runtime.sendMessage(message));
  const card = mountCardLayer(document, {
    onClose: () => highlights.closeCard(),
    onAddNote: () => onPage.noteOnCard(),
    onMoved: () => onPage.cardMoved(),
  });
  const highlights = createPageController({
    doc: document,
    matcher: createMatcher(dataset),
    reference: createReference(dataset),
    card,
    isOwn: isLayerHost,
    // The background may be restarting (MV3 service worker) and the popup closed: the next change reports again.
    onChange: (summary) => void send('page/report', summary).catch(() => undefined),
  });
  const onPage = startNotesOnPage(highlights, send, card);
  const notes = onPage.notes;

  const handlers: Handlers = {
    'page/summary': () => highlights.summary(),
    'page/reveal': ({ referenceId }) => highlights.reveal(referenceId),
    'page/step': ({ direction }) => highlights.step(direction),
    // The popup's "Add this article to a reference set": the article as this page model reads it.
    'page/article': () => {
      const { article } = highlights.page.detection();
      if (article.nodes.length === 0) return null;
      return articleDocument(document, article, highlights.page.articleText().text, location.href, 'page');
    },
    ...onPage.handlers,
  };
  const onMessage = (message: unknown, sender: unknown) => routeMessage(handlers, message, sender);
  browser.runtime.onMessage.addListener(onMessage);

  const applySettings = (settings: Settings) => {
    onPage.apply(settings);
    return highlights.apply(settings);
  };
  const unwatchSettings = watchSettings(browser.storage.onChanged, (settings) => void applySettings(settings));
  void loadSettings(browser.storage.local).then(applySettings);

  // Single-page sites: a new path is a new article (a #fragment is the same one), and another address may have
  // other notes. The app gets a moment to render the new article before it is detected.
  const redetect = new Timer(() => highlights.page.redetect());
  const location = watchLocation(window, (url, previous) => {
    if (normalizeUrl(url) !== normalizeUrl(previous)) void notes.refresh().catch(() => undefined);
    if (pathOf(url) !== pathOf(previous)) redetect.start(300);
  });

  // A page without notes costs one message and nothing else.
  void notes.refresh().catch(() => undefined);

  return () => {
    location.stop();
    redetect.cancel();
    unwatchSettings();
    browser.runtime.onMessage.removeListener(onMessage);
    onPage.destroy();
    highlights.destroy();
    card.destroy();
  };
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
