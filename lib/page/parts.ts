// Parts of Backstory that a page loads only when it needs them, each a script of its own (entrypoints/<part>.ts,
// built as /<part>.js): Readability, for a page whose markup does not settle the article; the figure reader and
// judge, for an article on the reference's subject with numbers near the reference's names; the layers that draw
// the reference card, the notes adder and the frames of the note tooltip and the composer (Preact, the components,
// the frames' code), on the reader's first sign of reading or for a page with notes (lib/page/deferred-layers.ts);
// and the anchoring that finds stored notes in the page (fuzzy quote matching) with the notes page controller that
// paints and keeps them, for a page with notes that quote it (lib/notes/deferred-controller.ts); and the reader's own
// sets' side of the page (combining sets into one reference, the article as a set's document), for a reader with
// sets of their own or who adds the article to one; and the bundled reference itself (its dataset and compiled
// tables), asked for at the content script's start. Most pages
// need few of them, and together they are larger than the rest of the content script. The content script asks the
// background ('page/load-part'); the background injects the part's file, and nothing else, into the asking content
// script's own world (its tab's top frame), where the script leaves its export under one global name for the
// loader to pick up.
// A part's bundle carries its own copy of the modules it shares with the content script: the anchoring part's copy
// of lib/highlight/registry.ts (with the viewport, scheduling and listener modules) keeps module state of its own,
// so a page with notes runs two highlight guards (two 500 ms intervals, two visibilitychange listeners), and one
// bundle's verifyHighlights never sees the other's highlights. Each copy still guards, on its own timer, what was
// registered through it; state that must be one per page cannot live in such a module.
import type { RunReadability } from '../article/detect';
import type { FigureEngine } from '../match/figure-engine';
import type { NotesPart } from '../notes/deferred-controller';
import type { combineSets } from '../sets/combine';
import type { pageArticle } from '../sets/page-article';
import type { Dataset } from '../reference/types';
import type { CompiledTables } from '../match/tables';
// Types only: the part's code is the components', and is never in this module's bundle.
import type { mountCardLayer } from '../../components/CardLayer';
import type { mountAdderLayer } from '../../components/AdderLayer';
import type { mountComposerLayer } from '../../components/ComposerLayer';
import type { mountNoteTooltipLayer } from '../../components/NoteTooltipLayer';

/** The layers the card, the adder, the composer and the note tooltip are drawn in. */
export interface PageLayers {
  mountCardLayer: typeof mountCardLayer;
  mountAdderLayer: typeof mountAdderLayer;
  mountComposerLayer: typeof mountComposerLayer;
  mountNoteTooltipLayer: typeof mountNoteTooltipLayer;
}

/** The reader's own sets on the page: their datasets combined with the bundled one, the article as a document. */
export interface PageSets {
  combineSets: typeof combineSets;
  pageArticle: typeof pageArticle;
}

/** The bundled reference: its dataset and the matcher's tables the dataset build compiled from it. */
export interface BundledReference {
  dataset: Dataset;
  tables: CompiledTables;
}

/** What each part's script provides. */
export interface PartExports {
  readability: RunReadability;
  figures: FigureEngine;
  layers: PageLayers;
  anchoring: NotesPart;
  sets: PageSets;
  reference: BundledReference;
}

export type PartName = keyof PartExports;

/** The built file of each part, which the background injects. */
export const PART_SCRIPTS: Record<PartName, string> = { readability: '/readability.js', figures: '/figures.js', layers: '/layers.js', anchoring: '/anchoring.js', sets: '/sets.js', reference: '/reference.js' };

export function isPartName(name: unknown): name is PartName {
  return typeof name === 'string' && Object.hasOwn(PART_SCRIPTS, name);
}

const globalName = (part: PartName) => `__backstoryPart_${part}`;

/** Called by a part's script: leaves its export where `partLoaded` finds it. */
export function providePart<P extends PartName>(part: P, value: PartExports[P], scope: object = globalThis): void {
  Object.defineProperty(scope, globalName(part), { value, configurable: true });
}

/**
 * The export a part's script left, or null when it has not run in this world. Only an own property of the global: a
 * page element with the part's name as its id is seen through the window's named access, in our world too.
 */
export function partLoaded<P extends PartName>(part: P, scope: object = globalThis): PartExports[P] | null {
  const value: unknown = Object.getOwnPropertyDescriptor(scope, globalName(part))?.value;
  return value === undefined || value === null ? null : (value as PartExports[P]);
}

/**
 * A loader of one part: asks for its script (`inject`, a message to the background) on first need, then takes its
 * export; later calls take the same. It always asks once, even when the world already holds the part: a content
 * script started again after an update shares its world with the old one, whose parts are the old version's (a
 * changed frame protocol would break the card or the composer until the page reloads), and injecting the new
 * file replaces them. Callers asking while it loads share the one request; after a failure the next call asks again.
 */
export function partLoader<P extends PartName>(part: P, inject: (part: P) => Promise<unknown>, scope: object = globalThis): () => Promise<PartExports[P]> {
  let loaded: PartExports[P] | null = null;
  let loading: Promise<PartExports[P]> | null = null;
  const load = async () => {
    await inject(part);
    const value = partLoaded(part, scope);
    if (!value) throw new Error(`Backstory's ${part} part did not load`);
    loaded = value;
    return value;
  };
  return () => {
    if (loaded) return Promise.resolve(loaded);
    loading ??= load().finally(() => {
      loading = null;
    });
    return loading;
  };
}
