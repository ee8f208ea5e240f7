// Reference highlights on one page, as plain DOM code (the content script only wires it to the extension). It
// owns the page model (lib/page/model.ts) and lends it to the notes, and puts together one module per job:
// running the pipeline (run.ts), painting in chunks (painter.ts), following a living page (the model's
// changes), the reader's settings (here), hover and keyboard (interaction.ts), and reporting (report.ts).
import type { ArticleContext, Matcher } from '../match/matcher';
import type { ArticleResult, RunReadability } from '../article/detect';
import type { TextMatch } from '../match/types';
import { createHighlighter, firstOverlapping, highlightMode, type HighlighterOptions } from '../highlight/highlighter';
import type { Reference } from '../reference/lookup';
import { createPageModel, type PageEvent, type PageModel } from './model';
import { matchAdded, runArticle } from './run';
import { createPainter, type Painter } from './painter';
import { createInteraction, type CardPresenter } from './interaction';
import { Reporter, summarize } from './report';
import { TaskQueue, Timer } from './schedule';
import { defaultSettings, isSiteEnabled, siteKey, type Settings } from './settings';
import type { PageStatus, PageSummary, ReferenceShortfall } from './messages';

export interface PageControllerOptions {
  doc: Document;
  matcher: Matcher;
  reference: Reference;
  /** Article detection; lib/article's detector by default, with Readability from `readability`. */
  detect?: (doc: Document) => ArticleResult;
  /** Loads Readability for pages whose markup does not settle the article (lib/page/model.ts). */
  readability?: () => Promise<RunReadability>;
  card?: CardPresenter;
  /** Nodes Backstory added (its UI hosts): never annotated, their mutations ignored. */
  isOwn?: (node: Node) => boolean;
  /** Called (debounced) whenever the summary changes: the content script reports it for the badge and popup. */
  onChange?: (summary: PageSummary) => void;
  forceWrap?: boolean;
  /** Where the ::highlight rules come from and how many ranges are registered at once (lib/highlight). */
  highlighter?: Pick<HighlighterOptions, 'styles' | 'viewport'>;
  chunkBudgetMs?: number;
  livingQuietMs?: number;
  hoverDelayMs?: number;
}

export interface PageController {
  /** The page model, lent to whatever else reads this page (the notes). */
  readonly page: PageModel;
  /** Applies settings: starts, stops, or shows/hides categories. Resolves when painting is done. */
  apply(settings: Settings): Promise<void>;
  summary(): PageSummary;
  reveal(referenceId: string): boolean;
  step(direction: 1 | -1): boolean;
  closeCard(): void;
  /** Handles pending page changes now, waits for the resulting work and sends its report. */
  settle(): Promise<void>;
  destroy(): void;
  /**
   * The first painted highlight (document order) that `range` overlaps by at least one character, and its
   * reference item's label: what a note on that selection is about. Null where none is shown there.
   */
  referenceAt(range: Range): { match: TextMatch; label: string } | null;
  /** The highlight whose card is open, and its reference item's label (the card's Add note). */
  cardItem(): { range: Range; match: TextMatch; label: string } | null;
  /**
   * Matches against another reference from now on (the reader turned a set on or off, or one was rebuilt): the
   * article is read again when Backstory is on here.
   */
  useReference(next: { matcher: Matcher; reference: Reference }): Promise<void>;
  /** What of the reference in use could not be loaded (null: nothing), which the summary says; reported at once. */
  referenceUnavailable(shortfall: ReferenceShortfall | null): void;
}

export function createPageController(options: PageControllerOptions): PageController {
  const { doc } = options;
  let { matcher } = options;
  let current = options.reference;
  // What the card, the summary and notes read: always the reference in use (it changes with the reader's sets).
  const reference: Reference = {
    get dataset() {
      return current.dataset;
    },
    entity: (id) => current.entity(id),
    figure: (id) => current.figure(id),
    document: (id) => current.document(id),
    figuresOf: (id) => current.figuresOf(id),
    entitiesNamed: (form) => current.entitiesNamed(form),
    label: (id) => current.label(id),
  };
  const win = doc.defaultView!;
  const page = createPageModel(doc, { detect: options.detect, readability: options.readability, isOwn: options.isOwn, quietMs: options.livingQuietMs });
  const reporter = new Reporter(() => options.onChange?.(summary()));
  const queue = new TaskQueue(() => reporter.changed());
  const interaction = createInteraction({ win, reference, card: options.card, hoverDelayMs: options.hoverDelayMs });

  let settings = defaultSettings();
  let applied = false;
  let unavailable: ReferenceShortfall | null = null;
  let destroyed = false;
  /** Counts starts, stops and full runs: work begun under an older one is dropped. */
  let generation = 0;
  /**
   * While Backstory is on for this site: what paints, the subscription to the page's changes, and what the last
   * full run learnt about the article (its relevance, the names it introduced), which later additions are matched in.
   */
  let session: { painter: Painter; unsubscribe: () => void; article?: ArticleContext } | null = null;
  let lastFullRun = 0;
  /** A full run asked for by the page's additions, at most once a second (a page still rendering mutates constantly). */
  const rereadLater = new Timer(() => {
    if (session) void queue.enqueue(fullRun);
  });

  const shown = (category: TextMatch['category']) => settings.categories[category] !== false;

  function status(): PageStatus {
    if (!applied) return 'starting';
    if (!session) return 'off';
    return queue.pending > 0 ? 'running' : 'settled';
  }

  function summary(): PageSummary {
    const found = summarize({
      url: win.location.href,
      site: siteKey(win.location.hostname),
      status: status(),
      mode: session?.painter.highlighter.mode ?? highlightMode(win, options.forceWrap),
      items: session?.painter.highlighter.items() ?? [],
      label: reference.label,
      ...(session?.article ? { relevance: session.article.relevance, everyPage: settings.everyPage } : {}),
    });
    return unavailable ? { ...found, referenceUnavailable: unavailable } : found;
  }

  function start() {
    const highlighter = createHighlighter(doc, { ...options.highlighter, forceWrap: options.forceWrap, mutate: page.ignoring });
    const painter = createPainter(highlighter, { budgetMs: options.chunkBudgetMs ?? 8, shown, onChange: () => reporter.changed() });
    session = { painter, unsubscribe: page.subscribe(onPageEvent) };
    interaction.start(highlighter);
    void queue.enqueue(fullRun);
  }

  function stop() {
    if (!session) return;
    generation++;
    rereadLater.cancel();
    interaction.stop();
    // Highlighter first: in wrap mode its undo runs through the page's watcher, which must still be there to ignore it.
    session.painter.highlighter.destroy();
    session.unsubscribe();
    session = null;
  }

  async function fullRun(): Promise<void> {
    const gen = ++generation;
    const current = session;
    if (!current) return;
    const { painter } = current;
    lastFullRun = Date.now();
    rereadLater.cancel();
    current.article = undefined;
    interaction.close();
    painter.clear();
    const cancelled = () => gen !== generation;
    const paints = painter.run(cancelled);
    const article = await runArticle(page, matcher, { onFound: paints.add, cancelled, everyPage: settings.everyPage });
    if (article) current.article = article;
    await paints.finish();
  }

  function onPageEvent(event: PageEvent) {
    const painter = session?.painter;
    if (!painter) return;
    if (event.type === 'detected') {
      void queue.enqueue(fullRun);
      return;
    }
    const { changes, added } = event;
    // Stale highlights first: text the page removed or rewrote.
    if (changes.removed || changes.edited.size) interaction.forget(painter.dropStale(changes.edited));
    if (!added.length) return;
    const gen = generation;
    void queue.enqueue(async () => {
      if (gen !== generation) return;
      const { found, rereadArticle } = await matchAdded(page, matcher, added, session?.article, settings.everyPage);
      if (rereadArticle) rereadLater.startIfIdle(Math.max(0, lastFullRun + 1000 - Date.now()));
      await painter.paint(found, () => gen !== generation);
    });
  }

  async function apply(next: Settings): Promise<void> {
    // Destroyed is final: settings or a reference arriving late (they wait for a part's load) paint nothing.
    if (destroyed) return;
    const before = settings;
    settings = next;
    applied = true;
    if (!isSiteEnabled(next, win.location.hostname)) {
      stop();
      reporter.changed();
      return;
    }
    if (!session) {
      start();
      return queue.idle();
    }
    // Highlighting articles about other subjects or not changes what is matched: read the article again.
    if (before.everyPage !== next.everyPage) return queue.enqueue(fullRun);
    interaction.forget(session.painter.recategorize((c) => before.categories[c] !== false));
  }

  return {
    page,
    apply,
    summary,
    referenceUnavailable(next) {
      if (destroyed || (!next && !unavailable)) return;
      unavailable = next;
      reporter.changed();
    },
    reveal: (referenceId) => interaction.reveal(referenceId),
    step: (direction) => interaction.step(direction),
    closeCard: () => interaction.close(),
    async settle() {
      page.flush();
      await queue.idle();
      reporter.flush();
    },
    destroy() {
      destroyed = true;
      stop();
      rereadLater.cancel();
      page.destroy();
      reporter.cancel();
    },
    cardItem() {
      const item = interaction.openItem();
      return item ? { range: item.range, match: item.match, label: reference.label(item.match.referenceId) } : null;
    },
    useReference(next) {
      if (destroyed) return Promise.resolve();
      matcher = next.matcher;
      current = next.reference;
      if (!session) return Promise.resolve();
      return queue.enqueue(fullRun);
    },
    referenceAt(range) {
      const item = firstOverlapping(session?.painter.highlighter.items() ?? [], range);
      return item ? { match: item.match, label: reference.label(item.match.referenceId) } : null;
    },
  };
}
