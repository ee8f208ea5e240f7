// Building a reader's set: the same builder as `npm run dataset` (lib/builder/build.ts, compromise included),
// run where it cannot hold up a page (the build worker, entrypoints/set-builder.ts). Reading a document — its name
// candidates — is most of the cost, so each document is read once and its reading kept (lib/sets/types.ts
// DocumentAnalysis): adding one document reads that one and links everything again, and a cancelled build keeps
// what it read. Then the names are linked across documents, figures read, relevance counted against a background
// of ordinary news (lib/sets/relevance.ts), and ids carried over from the build before (lib/sets/stable-ids.ts),
// so notes and the reader's edits keep their items.
import { findCandidates, type Candidate } from '../builder/candidates';
import { buildDatasetWithReport, type InputDocument } from '../builder/build';
import { parseCuration } from '../builder/curation';
import { articleEnd } from '../builder/text';
import type { Dataset } from '../reference/types';
import { SetsError, type SetsRepository } from './repository';
import { stabilizeIds } from './stable-ids';
import type { SetDocument } from './types';

/** Where a build is: reading document `done` of `total`, then linking, then saving. */
export interface BuildProgress {
  setId: string;
  phase: 'queued' | 'reading' | 'linking' | 'saving' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** For 'failed': what went wrong, in the reader's words. */
  message?: string;
  /** For 'done': how long it took, and how many documents were read (the rest were read before). */
  ms?: number;
  read?: number;
}

/** The analysis format: a reading made by another format is made again. */
export const ANALYSIS_VERSION = 'candidates-1';

export interface BuildOptions {
  onProgress(progress: BuildProgress): void;
  /** Relevance counts for a built dataset (the documents' article texts given): lib/sets/relevance.ts. */
  relevance?(dataset: Dataset, articles: string[]): Dataset['relevance'];
  now?: () => Date;
  /** The analysis version; changes with the builder. */
  version?: string;
}

function curationFor(documents: readonly SetDocument[]) {
  return parseCuration({
    entities: [],
    documents: Object.fromEntries(documents.map((d) => [d.id, {
      ...(d.title.trim() ? { title: d.title } : {}),
      ...(d.publisher ? { publisher: d.publisher } : {}),
      ...(d.date ? { date: d.date } : {}),
    }])),
  });
}

/** Builds one set from its documents and stores the build; see the file comment. */
export async function buildSet(repository: SetsRepository, setId: string, options: BuildOptions): Promise<void> {
  const started = Date.now();
  const version = options.version ?? ANALYSIS_VERSION;
  const [set, documents, texts, analyses, previous] = await Promise.all([
    repository.getSet(setId),
    repository.listDocuments(setId),
    repository.listTexts(setId),
    repository.listAnalyses(setId),
    repository.getBuild(setId),
  ]);
  if (!set) throw new SetsError('This set no longer exists.', 'not-found');
  const missing = documents.filter((d) => !texts.has(d.id));
  if (missing.length > 0) {
    throw new SetsError(
      `This set was imported without the texts of ${missing.length === 1 ? 'one document' : `${missing.length} documents`}, so Backstory cannot build it again: ` +
        'import the file that has the texts, or make a new set for new documents.',
      'no-text',
    );
  }
  const total = documents.length;
  const kept = new Map(analyses.filter((a) => a.version === version).map((a) => [a.docId, a]));
  const candidates = new Map<string, Candidate[]>();
  let read = 0;
  options.onProgress({ setId, phase: 'reading', done: 0, total });
  for (const [i, doc] of documents.entries()) {
    const text = texts.get(doc.id)!;
    const reading = kept.get(doc.id);
    if (reading && reading.sha256 === doc.sha256) {
      candidates.set(doc.id, reading.candidates);
    } else {
      const found = findCandidates(doc.id, text, articleEnd(text));
      candidates.set(doc.id, found);
      await repository.saveAnalysis({ setId, docId: doc.id, sha256: doc.sha256, version, candidates: found });
      read++;
    }
    options.onProgress({ setId, phase: 'reading', done: i + 1, total });
  }

  options.onProgress({ setId, phase: 'linking', done: total, total });
  const inputs: InputDocument[] = documents.map((d) => ({ id: d.id, text: texts.get(d.id)! }));
  // The repository hashed each text when it was added (the same SHA-256 the builder computes).
  const hashes = new Map(documents.map((d) => [d.id, d.sha256]));
  const { dataset: built, warnings } = buildDatasetWithReport(inputs, curationFor(documents), {
    candidates: (doc) => candidates.get(doc.id) ?? [],
    sha256: (doc) => hashes.get(doc.id),
  });
  const urls = new Map(documents.map((d) => [d.id, d.url]));
  const dataset: Dataset = {
    ...built,
    documents: built.documents.map((d) => (urls.get(d.id) ? { ...d, url: urls.get(d.id)! } : d)),
  };
  const relevance = options.relevance?.(dataset, inputs.map((d) => d.text.slice(0, articleEnd(d.text))));
  if (relevance) dataset.relevance = relevance;

  options.onProgress({ setId, phase: 'saving', done: total, total });
  const stable = stabilizeIds(previous?.dataset, dataset);
  await repository.saveBuild({ setId, built: (options.now?.() ?? new Date()).toISOString(), dataset: stable, warnings });
  options.onProgress({ setId, phase: 'done', done: total, total, ms: Date.now() - started, read });
}
