// The page as Backstory reads it: the article detected once and kept current while the page changes, lent to
// everything that works on the page (the highlights, lib/page/controller.ts; the notes, lib/notes/page-controller.ts)
// so a note's position and a highlight's offsets are offsets into the same text.
//
// The page is watched (lib/page/living.ts) only while someone listens. While it is watched, the detection and the
// text maps are kept and updated: text the page adds inside the article joins it, text it removes or rewrites
// leaves it, and an article that appears late or is replaced by the app is detected again (at most once a
// second). While nobody listens, a detection is kept only until the page next changes (a one-shot observer says
// when), so it never answers from a page that has changed since; the first listener takes it over if nothing
// changed, so a request that comes before anyone listens (a note asked for while the page loads) does not cost a
// second detection.
import { detectArticleSteps, type ArticleResult, type RunReadability } from '../article/detect';
import { oneStep, runToEnd, type Steps } from '../article/steps';
import { isPageText } from '../article/filter';
import { buildTextMap, type TextMap } from '../text';
import { readPageContext } from '../page-context';
import type { PageContext } from '../match/figures';
import { articleScope, documentOrder, isArticleAddition, watchPage, type LivingWatcher, type PageChanges } from './living';
import { runSteps, Timer } from './schedule';
import { mark, measure } from '../timings';

export interface ArticleDetection {
  /** Counts detections on this page: work begun on an older one is stale. */
  readonly generation: number;
  readonly article: ArticleResult;
  /** The lowest element holding the whole article: text added inside it later may be article text. */
  readonly scope: Element | null;
  /** The page's language and date (lib/page-context.ts): how its figures are read and dated. */
  readonly context: PageContext;
}

export type PageEvent =
  /** The page changed; `added` is the text that joined the article (document order). */
  | { type: 'changed'; changes: PageChanges; added: Text[] }
  /**
   * The article must be detected again (single-page navigation, an app that rendered or replaced it, Readability
   * loaded for a page that waited for it): the next `detection()` detects it.
   */
  | { type: 'detected' };

export interface PageModelOptions {
  /** Article detection; by default lib/article's, with Readability from `readability` (see below). */
  detect?: (doc: Document) => ArticleResult;
  /**
   * Loads Readability, for a page whose markup does not settle the article (the default detector's fallback). Until
   * it has loaded, such a page has no article; once it has, the page is detected again (a 'detected' event). Without
   * it, such a page's article is every readable text of the page (lib/article's answer when nothing is found).
   */
  readability?: () => Promise<RunReadability>;
  /** Nodes Backstory added (its UI hosts): never article or page text, their mutations ignored. */
  isOwn?: (node: Node) => boolean;
  /** Coalesces bursts of page changes (lib/page/living.ts). */
  quietMs?: number;
  /** The shortest time between two detections the page's own changes ask for. */
  redetectMs?: number;
  /** Milliseconds of a stepped detection's steps run before the main thread is given back (tests use 0: a step a task). */
  stepBudgetMs?: number;
}

export interface PageModel {
  readonly doc: Document;
  /** The article as detected now. */
  detection(): ArticleDetection;
  /**
   * The same detection, in steps: a few of its steps a task, `pause` between tasks (it answers false to stop: null
   * then, and a later request finishes what was begun). A request for `detection()` meanwhile finishes it at once.
   */
  detectionInSteps(pause: () => Promise<boolean | void>): Promise<ArticleDetection | null>;
  /**
   * The page may hold another article now (single-page navigation): detects it again and tells every listener.
   * While nobody listens there is nothing to tell, and the next request detects afresh anyway.
   */
  redetect(): void;
  /** The article's text now (its detection, plus text added to it since), as one string mapped to its nodes. */
  articleText(): TextMap;
  /** Every text of the page's body a reader can select, for notes quoted outside the article. */
  bodyText(): TextMap;
  /** Whether a text node is part of the article as last detected (and kept current while watched). */
  isArticleText(node: Text): boolean;
  /** Whether a node is, or is inside, something Backstory added. */
  isOwn(node: Node): boolean;
  /** Runs a DOM change of ours (fallback marks) without it being reported as a change of the page's. */
  ignoring(change: () => void): void;
  /** Calls `listener` on every change; the page is watched while anyone listens. Returns the unsubscribe. */
  subscribe(listener: (event: PageEvent) => void): () => void;
  /** Delivers pending page changes, and a pending re-detection, now (settling before a check). */
  flush(): void;
  /**
   * Resolves once the detector is complete: at once, or when Readability, which this page needs, has loaded and the
   * page has been detected again (its 'detected' event sent).
   */
  detectorReady(): Promise<void>;
  destroy(): void;
}

/** No article (yet): what a page whose detector is still loading has. */
const NO_ARTICLE: ArticleResult = { nodes: [], method: 'pending', title: null, headline: [], standfirst: [] };

/** What runSteps answers when a pause stopped the steps. */
const STOPPED: unique symbol = Symbol('stopped');

/** Without Readability: the fallback of a detector that finds nothing (every readable text of the page). */
const noReadability: RunReadability = () => oneStep(() => null);

export function createPageModel(doc: Document, options: PageModelOptions = {}): PageModel {
  let readability: RunReadability | null = options.readability ? null : noReadability;
  /** While Readability loads: settles once it has loaded (or failed) and the page has been detected again. */
  let loading: Promise<void> | null = null;
  function* detectWithMarkup(page: Document): Steps<ArticleResult> {
    const found = yield* detectArticleSteps(page, readability);
    if (found) return found;
    if (!loading && options.readability) {
      loading = options.readability().then(
        (run) => {
          readability = run;
          // The page waiting for it is detected again: listeners hear 'detected'; nobody listening, the next
          // request detects afresh anyway.
          redetect();
        },
        (error: unknown) => {
          // Readability could not load (the extension was reloaded under the page): the page's readable text.
          console.warn('Backstory: article detection without Readability:', error);
          readability = noReadability;
          redetect();
        },
      );
    }
    return NO_ARTICLE;
  }
  const custom = options.detect;
  const detectSteps = (page: Document): Steps<ArticleResult> => (custom ? oneStep(() => custom(page)) : detectWithMarkup(page));
  const ownTest = options.isOwn ?? (() => false);
  const redetectMs = options.redetectMs ?? 1000;
  const isOwn = (node: Node): boolean => {
    for (let n: Node | null = node; n; n = n.parentNode) if (ownTest(n)) return true;
    return false;
  };

  const listeners = new Set<(event: PageEvent) => void>();
  let watcher: LivingWatcher | null = null;
  let generation = 0;
  // Kept only while the page is watched (see the file comment).
  let current: ArticleDetection | null = null;
  let nodes = new Set<Text>();
  /** Whether text joined the article since it was detected (its nodes then need sorting into document order). */
  let grown = false;
  let articleMap: TextMap | null = null;
  let bodyMap: TextMap | null = null;
  let lastDetected = 0;
  const redetectLater = new Timer(() => redetect());
  // The detection taken while nobody listened, and the observer that drops it when the page changes.
  let unwatched: { detection: ArticleDetection; changes: MutationObserver } | null = null;

  const isPageChange = (r: MutationRecord) => !isOwn(r.target) && !(r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOwn));

  function forgetUnwatched() {
    unwatched?.changes.disconnect();
    unwatched = null;
  }

  /** Notes the page's changes from now on (while nobody listens): a detection is kept only until the page changes. */
  function observeChanges(): MutationObserver | null {
    if (!doc.documentElement) return null;
    const changes = new MutationObserver((records) => {
      if (records.some(isPageChange) && unwatched?.changes === changes) forgetUnwatched();
    });
    changes.observe(doc.documentElement, { childList: true, characterData: true, subtree: true });
    return changes;
  }

  /** The detection taken while nobody listened, if the page has not changed since (pending changes read now). */
  function unchangedUnwatched(): ArticleDetection | null {
    if (unwatched && unwatched.changes.takeRecords().some(isPageChange)) forgetUnwatched();
    return unwatched?.detection ?? null;
  }

  /** Counts detections begun: a detection in steps that a newer one overtook is not kept. */
  let begun = 0;
  /** The detection begun in steps and not finished yet. */
  let pending: Steps<ArticleDetection | null> | null = null;
  /** The page's changes delivered while that detection's steps ran. */
  let held: PageChanges[] = [];

  /** A detection; null when a newer one began before it was done (that one is the page's). */
  function* taking(): Steps<ArticleDetection | null> {
    const serial = ++begun;
    watcher?.discard(); // changes so far are part of what is detected now
    // Nobody listening: changes during the steps (other tasks run between them) make the result one not to keep.
    const changes = watcher ? null : observeChanges();
    let found: ArticleResult;
    try {
      found = yield* detectSteps(doc);
    } catch (error) {
      changes?.disconnect();
      throw error;
    }
    const changedMeanwhile = !!changes && changes.takeRecords().some(isPageChange);
    if (serial !== begun) {
      changes?.disconnect();
      return null;
    }
    const article = found.nodes.some(isOwn) ? { ...found, nodes: found.nodes.filter((n) => !isOwn(n)) } : found;
    const detection: ArticleDetection = { generation: ++generation, article, scope: articleScope(article.nodes), context: readPageContext(doc) };
    // One mark per detection (each task of one in steps is a `backstory:detect` measure of its own).
    mark('backstory:detected');
    pending = null;
    lastDetected = Date.now();
    forgetUnwatched();
    current = watcher ? detection : null;
    if (!watcher && changes && !changedMeanwhile) unwatched = { detection, changes };
    else changes?.disconnect();
    // Someone began listening during the steps, after the page changed: what they hear of must be read again.
    if (watcher && changedMeanwhile) redetectLater.startIfIdle(0);
    nodes = new Set(article.nodes);
    grown = false;
    articleMap = null;
    bodyMap = null;
    // What the page changed while the steps ran (already told to listeners, as changes with no article text):
    // applied now, so that the article read next has it.
    const meanwhile = held;
    held = [];
    if (current) for (const changes of meanwhile) applyChanges(current, changes);
    return detection;
  }

  function take(): ArticleDetection {
    pending = null;
    const t = performance.now();
    const detection = runToEnd(taking())!; // nothing else runs meanwhile: never overtaken
    measure('backstory:detect', t);
    return detection;
  }

  /** A detection begun in steps, finished now. */
  function finishPending(): ArticleDetection | null {
    if (!pending) return null;
    const steps = pending;
    const t = performance.now();
    const detection = runToEnd(steps);
    measure('backstory:detect', t);
    return detection;
  }

  function detection(): ArticleDetection {
    return current ?? unchangedUnwatched() ?? finishPending() ?? take();
  }

  async function detectionInSteps(pause: () => Promise<boolean | void>): Promise<ArticleDetection | null> {
    for (;;) {
      const ready = current ?? unchangedUnwatched();
      if (ready) return ready;
      const steps = (pending ??= taking());
      const done = await runSteps<ArticleDetection | null, typeof STOPPED>(steps, { pause, stopped: STOPPED, budgetMs: options.stepBudgetMs, onTask: (t) => void measure('backstory:detect', t) });
      if (done === STOPPED) return null;
      // Overtaken by a newer detection: that one (begun, or done) is the page's.
      if (done === null) continue;
      // Finished here (kept, or not kept because the page changed meanwhile: still the answer to this request), or
      // finished by a request meanwhile (its generator then ends empty).
      return done ?? detection();
    }
  }

  function redetect() {
    redetectLater.cancel();
    if (!watcher) {
      // Nobody listens: a kept detection (e.g. the one taken while Readability loaded) is dropped, so the next
      // request detects afresh.
      forgetUnwatched();
      return;
    }
    // Detected again when next asked for (the page controller's run detects in steps); a detection begun in steps is
    // overtaken. Listeners hear that the article may be another.
    current = null;
    pending = null;
    held = [];
    begun++;
    emit({ type: 'detected' });
  }

  function emit(event: PageEvent) {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.warn('Backstory:', error);
      }
    }
  }

  function onPageChanges(changes: PageChanges) {
    if (!current) {
      // A detection in steps reads the page over several tasks: what changed meanwhile is applied to it once it is
      // done (text added after a step read its part would otherwise never join the article).
      if (pending) held.push(changes);
      emit({ type: 'changed', changes, added: [] });
      return;
    }
    emit({ type: 'changed', changes, added: applyChanges(current, changes) });
  }

  /** Keeps the article's nodes current with the page's changes; returns the text that joined the article. */
  function applyChanges(detection: ArticleDetection, changes: PageChanges): Text[] {
    bodyMap = null;
    // Text the page removed or rewrote leaves the article; rewritten text comes back below if it still belongs.
    if (changes.removed || changes.edited.size) {
      // Only a change to the article's own text makes its map stale (a clock ticking in the header does not).
      let touched = false;
      for (const t of changes.edited) if (nodes.delete(t)) touched = true;
      if (changes.removed) {
        for (const t of nodes) {
          if (t.isConnected) continue;
          nodes.delete(t);
          touched = true;
        }
      }
      if (touched) articleMap = null;
    }
    const fresh = changes.texts.filter((t) => !nodes.has(t));
    const scope = detection.scope;
    if (fresh.length && (!scope || !scope.isConnected)) {
      // No article at first (an app still rendering), or the app replaced it: look for it again, at most once
      // a second (a page still rendering mutates constantly), never dropped.
      redetectLater.startIfIdle(Math.max(0, lastDetected + redetectMs - Date.now()));
    }
    const added = scope?.isConnected ? fresh.filter((t) => isArticleAddition(t, scope)) : [];
    if (added.length) {
      for (const t of added) nodes.add(t);
      grown = true;
      articleMap = null;
    }
    return added;
  }

  function startWatching() {
    const kept = unchangedUnwatched();
    forgetUnwatched();
    watcher = watchPage(doc.documentElement, onPageChanges, { quietMs: options.quietMs ?? 150, isOwn });
    current = kept;
  }

  function stopWatching() {
    redetectLater.cancel();
    forgetUnwatched();
    watcher?.disconnect();
    watcher = null;
    current = null;
    held = [];
    articleMap = null;
    bodyMap = null;
  }

  return {
    doc,
    detection,
    detectionInSteps,
    redetect,
    articleText() {
      if (articleMap && current) return articleMap;
      const { article } = detection();
      const list = grown ? [...nodes].sort(documentOrder) : article.nodes.filter((t) => nodes.has(t));
      const map = buildTextMap(list);
      if (current) articleMap = map;
      return map;
    },
    bodyText() {
      if (bodyMap && current) return bodyMap;
      const list: Text[] = [];
      const root = doc.body ?? doc.documentElement;
      if (root) {
        const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          // Only what a reader can select (lib/article's rule), so a note never quotes a script or a style.
          if (parent && isPageText(n as Text) && !isOwn(n)) list.push(n as Text);
        }
      }
      const map = buildTextMap(list);
      if (current) bodyMap = map;
      return map;
    },
    isArticleText: (node) => nodes.has(node),
    isOwn,
    ignoring(change) {
      if (!watcher) {
        change();
        return;
      }
      const ours = watcher.ignoring(change);
      if (!current) return;
      // Fallback marks split the page's text nodes (Text.splitText puts each piece right after its original) and
      // merge them back: a piece of article text is article text, a merged-away piece is gone.
      for (const record of ours) {
        const original = record.previousSibling;
        if (!original || !nodes.has(original as Text)) continue;
        for (const piece of Array.from(record.addedNodes)) if (piece.nodeType === 3) nodes.add(piece as Text);
      }
      for (const t of nodes) if (!t.isConnected) nodes.delete(t);
      grown = true;
      articleMap = null;
      bodyMap = null;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!watcher) startWatching();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopWatching();
      };
    },
    flush() {
      watcher?.flush();
      redetectLater.runNow();
    },
    detectorReady: () => loading ?? Promise.resolve(),
    destroy() {
      listeners.clear();
      stopWatching();
    },
  };
}
