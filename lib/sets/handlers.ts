// The background's answers to `sets/…` requests, as plain functions so they run (and are tested) without a
// browser. The entrypoint supplies the repository, the build host and who is asking. Content scripts run inside
// other people's pages: they may read the enabled sets' facts (what they highlight) and ask to open a document in
// the library, nothing else; every other request is for Backstory's own pages.
import { z } from 'zod';
import type { Handlers } from '../messages';
import { parseOrThrow } from '../validation';
import type { Dataset } from '../reference/types';
import { compileTables, fingerprint, type CompiledTables } from '../match/tables';
import { BUNDLED_SET_NAME } from './bundled';
import { combineSets } from './combine';
import { applyEdits } from './curation';
import type { BuildStatus } from './host';
import type { DocumentPassage, PageSet } from './messages';
import { combinationKey, combinationSets } from './page-reference';
import type { SetsChange, SetsRepository } from './repository';
import type { TablesStore } from './tables-store';
import { BUNDLED_SET_ID, SET_ID } from './types';

export interface SetsHandlerDeps {
  repository: SetsRepository;
  isExtensionPage(sender: unknown): boolean;
  /** Whether the sender is a content script (in a tab). */
  isContentScript(sender: unknown): boolean;
  /** The build host, wherever it runs. */
  host: { request(setId: string): Promise<void> | void; cancel(setId: string): Promise<void> | void; status(): Promise<BuildStatus> | BuildStatus };
  /** A committed change: refresh the summaries (lib/sets/index-mirror.ts). */
  changed(change: SetsChange): void;
  openDocument(passage: DocumentPassage): Promise<void>;
  /** The bundled set's dataset, the first of a page's combination when it is on (lib/sets/page-reference.ts). */
  bundled(): Dataset;
  /** The compile (lib/match/tables.ts; tests count or break it). */
  compile?: (dataset: Dataset) => CompiledTables;
  /** MAX_TABLE_ALIASES unless given (tests). */
  maxTableAliases?: number;
  /** Where compiled tables outlive the worker (lib/sets/tables-store.ts); without it they are kept in memory only. */
  store?: TablesStore;
}

/**
 * Past this many names (every form the tables hold: each entity's name, aliases, short names, contextual aliases and
 * demonyms, and the dataset's other names, in every set of the combination; `namesToCompile`), the answer
 * goes without tables and the page builds them: an answer over Chrome's 64 MB message limit fails whole, and every
 * set with it. Measured with the bench's generated reference (10,000 entities, 50,000 aliases) and the bundled set:
 * 4.8 MB of sets and 4.0 MB of tables, so the limit comes near 360,000 aliases. At this bound, about 17 MB: a
 * quarter of the limit, room for sets whose documents and mentions weigh more per alias than the generated one's.
 */
export const MAX_TABLE_ALIASES = 100_000;

/** How many names a dataset's tables hold (lib/match/aliases.ts compiles each form), for MAX_TABLE_ALIASES. */
export function namesToCompile(dataset: Dataset): number {
  let names = dataset.otherNames?.length ?? 0;
  for (const e of dataset.entities) names += 1 + e.aliases.length + (e.shortNames?.length ?? 0) + (e.contextualAliases?.length ?? 0) + (e.demonyms?.length ?? 0);
  return names;
}

type SetsType = 'sets/changed' | 'sets/build' | 'sets/cancel' | 'sets/status' | 'sets/for-page' | 'sets/open-document';

const setId = z.string().regex(SET_ID, 'not a set id');
const setRequest = z.object({ setId }).strict();
const changeSchema = z.object({
  kind: z.enum(['created', 'updated', 'documents', 'built', 'edited', 'deleted', 'restored', 'imported', 'purged']),
  setId: setId.nullable(),
}).strict();
const idsSchema = z.object({ ids: z.array(setId).max(100), bundled: z.boolean().optional() }).strict();
const passageSchema = z.object({
  setId,
  docId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
}).strict();

export function createSetsHandlers(deps: SetsHandlerDeps): Handlers<SetsType> {
  const extensionOnly = (sender: unknown) => {
    if (!deps.isExtensionPage(sender)) throw new Error('Only Backstory\'s own pages may do this.');
  };
  // Each set's facts with its edits applied, kept while its revision stands: pages ask on every load.
  const cache = new Map<string, PageSet>();
  // The newest combination's tables, compiled here rather than built on every page (for a large set, seconds of the
  // page's main thread). Kept by the combination's key, the page's own (the sets' ids, revisions and names: a build,
  // an edit and its undo bump the revision), so asks that come together (every tab refreshes on a change; the first
  // pages after the worker starts) share one compile, and a failed or refused compile is not tried again per ask.
  // Behind it, the store: the first ask after the worker started again reads what an earlier worker compiled.
  let combined: { key: string; tables: Promise<CompiledTables | undefined> } | null = null;
  const tablesFor = (bundled: boolean, sets: PageSet[]): Promise<CompiledTables | undefined> => {
    const key = combinationKey(bundled, sets);
    if (combined?.key !== key) {
      const parts = bundled ? [{ id: BUNDLED_SET_ID, name: BUNDLED_SET_NAME, dataset: deps.bundled() }, ...sets] : sets;
      const names = parts.reduce((n, p) => n + namesToCompile(p.dataset), 0);
      const compile = async () => {
        if (names > (deps.maxTableAliases ?? MAX_TABLE_ALIASES)) return undefined;
        const stored = await deps.store?.read(key);
        const dataset = combineSets(parts);
        // The store's address names the combination and the compile's version; the fingerprint is a last check that
        // costs nothing next to a compile (the page checks it again when it loads them).
        if (stored && stored.fingerprint === fingerprint(dataset)) return stored;
        const tables = (deps.compile ?? compileTables)(dataset);
        void deps.store?.write(key, tables); // never rejects; the page does not wait for it
        return tables;
      };
      // A compile that throws loses only the tables: the sets still go, and the page builds them as before.
      combined = { key, tables: compile().catch(() => undefined) };
    }
    return combined.tables;
  };
  return {
    'sets/changed': async (payload, sender) => {
      extensionOnly(sender);
      deps.changed(parseOrThrow(changeSchema, payload, 'change'));
      return null;
    },
    'sets/build': async (payload, sender) => {
      extensionOnly(sender);
      await deps.host.request(parseOrThrow(setRequest, payload, 'request').setId);
      return null;
    },
    'sets/cancel': async (payload, sender) => {
      extensionOnly(sender);
      await deps.host.cancel(parseOrThrow(setRequest, payload, 'request').setId);
      return null;
    },
    'sets/status': async (_payload, sender) => {
      extensionOnly(sender);
      return deps.host.status();
    },
    'sets/for-page': async (payload, sender) => {
      if (!deps.isContentScript(sender) && !deps.isExtensionPage(sender)) throw new Error('Not for this sender.');
      const { ids, bundled = false } = parseOrThrow(idsSchema, payload, 'request');
      const out: PageSet[] = [];
      for (const id of ids) {
        const set = await deps.repository.getSet(id);
        if (!set) continue;
        const hit = cache.get(id);
        if (hit && hit.revision === set.revision && hit.name === set.name) {
          out.push(hit);
          continue;
        }
        const [build, edits] = await Promise.all([deps.repository.getBuild(id), deps.repository.listEdits(id)]);
        if (!build) continue;
        const fresh: PageSet = { id, name: set.name, revision: set.revision, dataset: applyEdits(build.dataset, edits.map((e) => e.edit)).dataset };
        cache.set(id, fresh);
        out.push(fresh);
      }
      // No set of the reader's answered: the page matches with the bundled set alone, whose tables its part brings.
      const tables = out.length > 0 ? await tablesFor(bundled, out) : undefined;
      return tables ? { sets: out, tables } : { sets: out };
    },
    'sets/open-document': async (payload, sender) => {
      if (!deps.isContentScript(sender) && !deps.isExtensionPage(sender)) throw new Error('Not for this sender.');
      await deps.openDocument(parseOrThrow(passageSchema, payload, 'request'));
      return null;
    },
  };
}

/**
 * Deletes the stored tables of every combination that names a set no longer there (deleted, purged) or no longer at
 * that revision and name (built, edited, renamed since: never asked for again). Run at the background's start and
 * after every committed change; the store itself keeps only the newest few of the rest. Never rejects.
 */
export async function pruneStoredTables(repository: SetsRepository, store: TablesStore): Promise<void> {
  let live: Map<string, { revision: number; name: string }>;
  try {
    live = new Map((await repository.listSets()).map((s) => [s.id, s]));
  } catch {
    return; // the sets unreadable now: nothing is deleted on a guess
  }
  await store.prune((key) => combinationSets(key)?.every((s) => live.get(s.id)?.revision === s.revision && live.get(s.id)?.name === s.name) ?? false);
}

/** The library's address for a set's document with a passage marked (the sets section reads it back). */
export function documentHash(passage: DocumentPassage): string {
  const params = new URLSearchParams({ set: passage.setId, doc: passage.docId });
  if (passage.start !== undefined && passage.end !== undefined && passage.end > passage.start) {
    params.set('start', String(passage.start));
    params.set('end', String(passage.end));
  }
  return `#sets?${params.toString()}`;
}

/** Reads `documentHash` back; null for any other hash. */
export function passageFromHash(hash: string): DocumentPassage | null {
  const m = /^#sets\?(.*)$/.exec(hash);
  if (!m) return null;
  const params = new URLSearchParams(m[1]);
  const result = passageSchema.safeParse({
    setId: params.get('set') ?? '',
    docId: params.get('doc') ?? '',
    ...(params.has('start') ? { start: Number(params.get('start')) } : {}),
    ...(params.has('end') ? { end: Number(params.get('end')) } : {}),
  });
  return result.success ? result.data : null;
}
