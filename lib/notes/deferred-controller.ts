// The notes page controller (page-controller.ts) paints, watches and keeps anchored a page's notes that quote its
// text; most pages have none, so its code is a part loaded with the anchoring (lib/page/parts.ts), for a page whose
// notes include a quoted one. Until then this stands in for it: it reads the page's notes (the one message every
// page costs), answers what needs no stored note (the page's side of a new note, a reveal of a note not on the page),
// keeps the reader's switches, and makes the controller, with those switches, once a quoted note is there. A part
// that cannot load (the extension was updated meanwhile) leaves nothing made; the next refresh asks again.
import type { AnchorInPage } from './page-anchoring';
import type { AnchorReport } from './messages';
import type { Annotation } from './types';
import type { createNotesPageController, NotesPageController, NotesPageOptions } from './page-controller';
import { describeForNote, pageContext } from './note-context';
import { latestRequest } from './latest-request';

/** What the anchoring part provides: the anchoring, and the controller that runs it. */
export interface NotesPart {
  anchorInPage: AnchorInPage;
  createNotesPageController: typeof createNotesPageController;
}

export interface DeferredNotesOptions extends Omit<NotesPageOptions, 'anchoring'> {
  /** Loads the anchoring part (lib/page/parts.ts). */
  part: () => Promise<NotesPart>;
}

const quoted = (list: readonly Annotation[]) => list.some((n) => n.target);

/** The report a page without quoted notes has once read: nothing anchored, nothing orphaned. */
const noneQuoted = (): AnchorReport => ({ anchored: [], orphaned: [] });

export function deferredNotesPageController(options: DeferredNotesOptions): NotesPageController {
  const { page, part, ...rest } = options;
  const doc = page.doc;
  let enabled = options.enabled ?? true;
  let shown = options.showHighlights ?? true;
  let controller: NotesPageController | null = null;
  let making: Promise<NotesPageController | null> | null = null;
  let loading: Promise<unknown> | null = null;
  let report: AnchorReport | null = null;
  let destroyed = false;
  const describe = (range: Range) => describeForNote(page, range, options.referenceAt);

  /**
   * The newest list the stand-in read, and the address it was read for: the controller's first refresh takes it
   * instead of asking again, but only for that address (a single-page site may have moved on meanwhile).
   */
  let handed: { list: Annotation[]; url: string } | null = null;
  /** The stand-in's reads, as the controller's own: a list that answers after a newer read was asked for is dropped. */
  const reads = latestRequest<AnchorReport>();

  /** The controller, made once with the switches as they are then; null when the part did not load. */
  function make(): Promise<NotesPageController | null> {
    // Ended meanwhile: no reason to have the background inject the part into the page.
    if (destroyed) return Promise.resolve(null);
    making ??= part().then(
      (notesPart) => {
        if (destroyed) return null;
        controller = notesPart.createNotesPageController({
          ...rest,
          page,
          enabled,
          showHighlights: shown,
          anchoring: () => Promise.resolve(notesPart.anchorInPage),
          load: (url) => {
            const first = handed;
            handed = null;
            return first && first.url === url ? Promise.resolve(first.list) : options.load(url);
          },
        });
        return controller;
      },
      () => null,
    ).finally(() => {
      making = null;
    });
    return making;
  }

  function refresh(): Promise<AnchorReport> {
    if (controller) return controller.refresh();
    const url = doc.defaultView!.location.href;
    const loaded = reads.run(() => options.load(url), async (list) => {
      if (destroyed) return report ?? noneQuoted();
      if (!controller && !making && !quoted(list)) return (report = noneQuoted());
      if (!controller) handed = { list, url };
      const made = controller ?? (await make());
      return made ? made.refresh() : (report ?? noneQuoted());
    });
    loading = loaded.catch(() => undefined);
    return loaded;
  }

  return {
    refresh,
    async context() {
      await loading;
      if (controller) return controller.context();
      return pageContext(doc, describe, report);
    },
    reveal: (id) => controller?.reveal(id) ?? false,
    showHighlights(on) {
      shown = on;
      controller?.showHighlights(on);
    },
    setEnabled(on) {
      enabled = on;
      controller?.setEnabled(on);
    },
    async settle() {
      await loading;
      await making;
      await controller?.settle();
    },
    get anchoring() {
      return controller ? controller.anchoring : report;
    },
    ranges: () => controller?.ranges() ?? new Map(),
    describe,
    destroy() {
      destroyed = true;
      controller?.destroy();
    },
  };
}
