// The content script: wires the page's two controllers, plain DOM code in lib/, to the extension. The page
// controller (reference highlights) owns the page model and lends it to the notes page controller, so both read
// one detection of the article. Settings come from storage.local (changes applied at once); the popup and the
// background reach both through one message listener; reports go to the badge and an open popup.
// It runs in other people's pages: what it adds lives in CSS.highlights or a shadow-root layer, and it never
// changes the page's text or nodes.
import type { Dataset } from '@/lib/reference/types';
import { createReference } from '@/lib/reference/lookup';
import { createMatcherWith, type Matcher, type MatcherOptions } from '@/lib/match/matcher';
import { partLoader, type PartName } from '@/lib/page/parts';
import { createPageController } from '@/lib/page/controller';
import { isSiteEnabled, loadSettings, watchSettings, type Settings } from '@/lib/page/settings';
import { yieldToMain } from '@/lib/page/schedule';
import { mark, publishTimings, readDiagnostics } from '@/lib/timings';
import { watchLocation } from '@/lib/page/location';
import { highlightStyles } from '@/lib/highlight/styles';
import { createClient, routeMessage, type Handlers } from '@/lib/messages';
import { normalizeUrl } from '@/lib/url';
import { readSetsIndex, watchSetsIndex } from '@/lib/sets/index-mirror';
import { BUNDLED_SET_NAME } from '@/lib/sets/bundled';
import { EMPTY_DATASET, pageReference, settingsInTurn } from '@/lib/sets/page-reference';
import { deferredCardLayer, preloadOnFirstUse } from '@/lib/page/deferred-layers';
import { isLayerHost } from '@/components/ShadowLayer';
import { startNotesOnPage } from './notes-ui';
import { browser, onExtensionMessage, sendToExtension } from './extension';

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
  const send = createClient(sendToExtension);
  // Timings reach the page's performance timeline only in diagnostics mode, which the bench and the tests turn on
  // (lib/timings.ts): otherwise the page's scripts could read there that the reader has notes on it.
  void readDiagnostics(browser.storage.local).then(publishTimings);
  // Our ::highlight rules, inserted by the browser while anything of ours is painted (lib/highlight/styles.ts).
  const styles = highlightStyles(document, (on) => send('page/highlight-styles', { on }));
  // Parts most pages never need are scripts of their own, loaded by the background on first need (lib/page/parts.ts):
  // Readability, the figure reader and judge (an article on the subject with numbers near the reference's names), and
  // the card's and the adder's layers (on the reader's first sign of reading: lib/page/deferred-layers.ts).
  const loadPart = (part: PartName) => send('page/load-part', { part });
  // The bundled reference (its dataset and compiled tables) is a part too, asked for now: it comes while the settings
  // are read and the article detected. Asking only once the settings call for it would save loading it on a site
  // Backstory is off for, but put a storage read before the request on every page that is highlighted.
  const bundledPart = partLoader('reference', loadPart);
  void bundledPart().catch(() => undefined);
  const figures = partLoader('figures', loadPart);
  const layers = partLoader('layers', loadPart);
  // The reader's own sets: combined into the reference, or an article added to one (only then).
  const sets = partLoader('sets', loadPart);
  const card = deferredCardLayer(() =>
    layers().then((part) =>
      part.mountCardLayer(document, {
        onClose: () => highlights.closeCard(),
        onAddNote: () => onPage.noteOnCard(),
        onMoved: () => onPage.cardMoved(),
        // A card of a reader's set opens the document in the library at the passage (the background opens the tab).
        onOpenSource: (passage) => void send('sets/open-document', passage).catch(() => undefined),
      }),
    ),
  );
  const createMatcher = (next: Dataset, options?: MatcherOptions): Matcher => createMatcherWith(next, figures, options);
  // The matcher's tables as the dataset build compiled them: loaded, not built (a matcher is kept for its dataset,
  // lib/match/matcher.ts, so putting the bundled set in use finds it made). A combination with the reader's own sets
  // loads the tables the background compiled for it, and builds its own only when they are refused.
  let bundled: Dataset | null = null;
  const bundledDataset = () =>
    bundledPart().then((part) => {
      if (bundled !== part.dataset) {
        createMatcher((bundled = part.dataset), { tables: part.tables });
        mark('backstory:reference'); // when the reference came (scripts/bench/first-highlight.ts reads it)
      }
      return part.dataset;
    });
  // Nothing is matched until the settings and the reference are known (lib/sets/page-reference.ts puts it in use).
  const none = EMPTY_DATASET;
  const highlights = createPageController({
    doc: document,
    matcher: createMatcher(none),
    reference: createReference(none),
    readability: partLoader('readability', loadPart),
    card,
    isOwn: isLayerHost,
    highlighter: { styles },
    // The background may be restarting (MV3 service worker) and the popup closed: the next change reports again.
    onChange: (summary) => void send('page/report', summary).catch(() => undefined),
  });
  const onPage = startNotesOnPage(highlights, send, card, styles, { layers, anchoring: partLoader('anchoring', loadPart) });
  const notes = onPage.notes;
  const stopWaiting = preloadOnFirstUse(document, () => {
    card.preload();
    onPage.preload();
  });

  const handlers: Handlers = {
    // The popup asking is a reader waiting: a reference that could not be loaded is asked for again now.
    'page/summary': () => {
      void reference.retry().catch(() => undefined);
      return highlights.summary();
    },
    'page/reveal': ({ referenceId }) => highlights.reveal(referenceId),
    'page/step': ({ direction }) => highlights.step(direction),
    // The popup's "Add this article to a reference set": the article as this page model reads it.
    'page/article': () => sets().then((part) => part.pageArticle(highlights.page, document)),
    ...onPage.handlers,
  };
  const stopListening = onExtensionMessage((message, sender) => routeMessage(handlers, message, sender));

  // The reference: the bundled set and the reader's enabled sets, matched together (lib/sets/page-reference.ts).
  let referenced = false;
  const reference = pageReference({
    bundled: bundledDataset,
    bundledName: BUNDLED_SET_NAME,
    site: () => window.location.hostname,
    readIndex: () => readSetsIndex(browser.storage.local),
    forPage: (ids, bundled) => send('sets/for-page', { ids, bundled }),
    combiner: sets,
    reportUnavailable: (unavailable) => highlights.referenceUnavailable(unavailable),
    useReference: (next, tables) => {
      referenced = true;
      return highlights.useReference({ matcher: createMatcher(next, { tables }), reference: createReference(next) });
    },
  });
  // Set once Backstory stops on this page: settings still waiting for the reference then apply nothing.
  let stopped = false;
  const inTurn = settingsInTurn(reference, (settings) => {
    if (stopped) return;
    onPage.apply(settings);
    return highlights.apply(settings);
  });
  const applySettings = (settings: Settings) => {
    // Before the page's first reference, the article is detected while the reference (and the reader's own sets) are
    // on their way: the run that follows finds the detection done, unless the page changed meanwhile (lib/page/model.ts).
    if (!referenced && isSiteEnabled(settings, window.location.hostname)) void highlights.page.detectionInSteps(yieldToMain).catch(() => undefined);
    return inTurn(settings);
  };
  const unwatchSettings = watchSettings(browser.storage.onChanged, (settings) => void applySettings(settings));
  const unwatchSets = watchSetsIndex(browser.storage.onChanged, () => void reference.refresh().catch(() => undefined));
  void loadSettings(browser.storage.local).then(applySettings);

  // Single-page sites: a new path is a new article (a #fragment is the same one), and another address may have
  // other notes. Changes are reported once the address settles, so the app has rendered the new article and a
  // page rewriting its address in a loop costs a few requests, not one per change.
  const location = watchLocation(window, (url, previous) => {
    if (normalizeUrl(url) !== normalizeUrl(previous)) void notes.refresh().catch(() => undefined);
    if (pathOf(url) !== pathOf(previous)) highlights.page.redetect();
    void reference.retry().catch(() => undefined);
  });
  // A reference that could not be made (the background restarting) is asked for again when the tab is shown again.
  const onVisible = () => {
    if (document.visibilityState === 'visible') void reference.retry().catch(() => undefined);
  };
  document.addEventListener('visibilitychange', onVisible);

  // A page without notes costs one message and nothing else.
  void notes.refresh().catch(() => undefined);

  return () => {
    stopped = true;
    location.stop();
    reference.stop();
    document.removeEventListener('visibilitychange', onVisible);
    stopWaiting();
    unwatchSettings();
    unwatchSets();
    stopListening();
    onPage.destroy();
    highlights.destroy();
    card.destroy();
  };
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
