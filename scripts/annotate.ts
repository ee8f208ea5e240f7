// `npm run annotate -- [page.html | document.txt | URL] [--json] [--every-page]`: what Backstory would highlight on a
// page, without a browser. The page is loaded into jsdom and goes through lib/pipeline.ts — the same article
// detection, text map and matcher the content script runs — so the CLI and the extension agree by construction.
import { readFileSync, statSync } from 'node:fs';
import { resolve, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { annotateDocument } from '../lib/annotate-document';
import { createMatcher, type TextMatch, type MatchCategory } from '../lib/match';
import type { Dataset } from '../lib/reference/types';

export const SAMPLE_PAGE = resolve(import.meta.dirname, 'sample', 'sample-news.html');
const DATASET_FILE = resolve(import.meta.dirname, '..', 'lib', 'reference', 'dataset.json');

/** One highlight, offsets into `article.text` (end exclusive): `article.text.slice(start, end) === text`. */
export interface Highlight {
  text: string;
  category: MatchCategory;
  referenceId: string;
  start: number;
  end: number;
}

/** The `--json` output. Its shape is a public interface (README.md documents it): keep it stable. */
export interface AnnotationReport {
  article: { text: string };
  highlights: Highlight[];
}

export interface LoadedPage {
  html: string;
  /** The page's address, so relative links and `document.URL` are right inside jsdom. */
  url: string;
  /** What the user asked for, for messages. */
  label: string;
}

/** A problem the user can fix (missing file, failed fetch, bad arguments): printed without a stack trace. */
export class AnnotateError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'AnnotateError';
  }
}

/** The dataset bundled into the extension (lib/reference/dataset.json), read the way the build reads it. */
export function loadBundledDataset(file = DATASET_FILE): Dataset {
  return JSON.parse(readFileSync(file, 'utf8')) as Dataset;
}

const FETCH_TIMEOUT_MS = 20_000;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as a minimal news page: the first line is the headline, every other non-empty line a paragraph. */
export function textAsArticle(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const [headline = '', ...body] = lines;
  // Documents often repeat their headline as the first paragraph; once is enough.
  const paragraphs = body[0] === headline ? body.slice(1) : body;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(headline)}</title></head><body><article><h1>${escapeHtml(headline)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</article></body></html>`;
}

/** Reads a page (or a .txt document) from disk, or fetches it when `source` is an http(s) URL. */
export async function loadPage(source: string, fetchImpl: typeof fetch = fetch): Promise<LoadedPage> {
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetchImpl(source, {
        redirect: 'follow',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        // Some news sites refuse requests without a browser-like Accept header.
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new AnnotateError(`could not fetch ${source}: ${cause}`);
    }
    if (!response.ok) {
      throw new AnnotateError(`could not fetch ${source}: HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    const type = response.headers.get('content-type') ?? '';
    if (type && !/html|xml/i.test(type)) {
      throw new AnnotateError(`${source} is not an HTML page (content-type: ${type})`);
    }
    // response.url is the final address after redirects: the one relative links resolve against.
    return { html: await response.text(), url: response.url || source, label: source };
  }

  // `npm run` moves to the package root; INIT_CWD is where the user typed the command.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), source);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new AnnotateError(`no such file: ${source}`);
  }
  if (!isFile) throw new AnnotateError(`not a file: ${source}`);
  const content = readFileSync(path, 'utf8');
  // A plain-text document (a seed, a wire copy) is read as an article: its first line the headline.
  const html = /\.txt$/i.test(path) ? textAsArticle(content) : content;
  return { html, url: pathToFileURL(path).href, label: relative(process.cwd(), path) || path };
}

export interface AnnotatedPage extends AnnotationReport {
  /** How the article was found ("readability", "body"...). */
  method: string;
  title: string | null;
  /** The matcher's full matches (figure readings and verdicts), for the readable report. */
  matches: TextMatch[];
  /** Whether the article is about the reference's subject, the evidence for it, and the subject. */
  onSubject: boolean;
  evidence: number;
  subject?: string;
}

/** Runs the content script's pipeline on an HTML string (the same function, slices and all, without pauses). */
export async function annotateHtml(html: string, options: { url?: string; dataset?: Dataset; everyPage?: boolean } = {}): Promise<AnnotatedPage> {
  // A silent virtual console: saved pages' broken CSS and scripts would otherwise flood the output.
  // Scripts are not run (jsdom's default), like a reader view: the article is in the HTML or nowhere.
  const dom = new JSDOM(html, { url: options.url ?? 'https://example.com/', virtualConsole: new VirtualConsole() });
  try {
    const matcher = createMatcher(options.dataset ?? loadBundledDataset());
    // Without a pause the pipeline never stops, so it always has a result.
    const { article, map, matches, context } = (await annotateDocument(dom.window.document, matcher, { everyPage: options.everyPage === true }))!;
    return {
      article: { text: map.text },
      highlights: matches.map((m) => ({ text: m.text, category: m.category, referenceId: m.referenceId, start: m.start, end: m.end })),
      method: article.method,
      title: article.title,
      matches,
      onSubject: context.relevance.onSubject,
      evidence: context.relevance.evidence,
      ...(context.relevance.subject ? { subject: context.relevance.subject } : {}),
    };
  } finally {
    dom.window.close();
  }
}

const CATEGORY_TITLES: Record<MatchCategory, string> = {
  person: 'People',
  place: 'Places',
  organization: 'Organisations',
  figure: 'Figures consistent with the reference (the same figure, or an earlier or later estimate)',
  'figure-differs': 'Figures that differ from the reference',
};

/** The human-readable report: the article's size, then each category's references with the forms found. */
export function formatReport(page: AnnotatedPage, dataset: Dataset, label: string): string {
  const names = new Map<string, string>();
  for (const e of dataset.entities) names.set(e.id, e.name);
  for (const f of dataset.figures) names.set(f.id, f.label);

  const text = page.article.text;
  const words = text.match(/\S+/g)?.length ?? 0;
  const lines: string[] = [];
  lines.push(`Backstory — ${label}`);
  lines.push(
    `Article: ${text.length.toLocaleString('en')} characters, ${words.toLocaleString('en')} words` +
      ` (found by ${page.method})${page.title ? ` — “${page.title}”` : ''}`,
  );

  if (dataset.entities.length === 0 && dataset.figures.length === 0) {
    lines.push('', 'The reference dataset is empty: run `npm run dataset` to build lib/reference/dataset.json.');
    return lines.join('\n');
  }
  const references = new Set(page.matches.map((m) => m.referenceId));
  lines.push(`${page.matches.length} highlight${page.matches.length === 1 ? '' : 's'} of ${references.size} reference${references.size === 1 ? '' : 's'}`);

  for (const category of Object.keys(CATEGORY_TITLES) as MatchCategory[]) {
    const inCategory = page.matches.filter((m) => m.category === category);
    if (inCategory.length === 0) continue;
    // Group by reference, in order of first appearance, so the report reads like the article.
    const groups = new Map<string, TextMatch[]>();
    for (const m of inCategory) groups.set(m.referenceId, [...(groups.get(m.referenceId) ?? []), m]);
    lines.push('', `${CATEGORY_TITLES[category]} (${inCategory.length})`);
    for (const [id, ms] of groups) {
      const forms = [...new Set(ms.map((m) => `“${m.text}”`))].join(', ');
      const name = names.get(id) ?? id;
      const where = ms.map((m) => m.start).join(', ');
      lines.push(`  ${name}  ×${ms.length}  ${forms}  @ ${where}`);
      for (const m of ms) {
        const figure = m.figure;
        if (!figure || figure.verdict === 'matches') continue;
        const { reading, page: said } = figure;
        const when = said?.asOf ? ` (${said.asOf})` : '';
        const by = said?.attribution ? ` according to ${said.attribution}` : '';
        const verdict = figure.verdict === 'differs' ? 'differs' : `${figure.verdict} estimate`;
        lines.push(`    ${verdict}: the page says ${reading.qualifier === 'exact' ? '' : `${reading.qualifier} `}${reading.value.toLocaleString('en')}${by}${when}; the reference: ${name}`);
      }
    }
  }
  if (!page.onSubject) {
    const subject = page.subject ?? "the reference's subject";
    lines.push('', `This article is not about ${subject} (evidence ${page.evidence.toFixed(1)}), so nothing is highlighted. --every-page highlights it anyway.`);
  } else if (page.matches.length === 0) lines.push('', 'Nothing on this page matches the reference dataset.');
  return lines.join('\n');
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  dataset?: Dataset;
}

const USAGE = `usage: npm run annotate -- [page.html | document.txt | URL] [--json] [--every-page]
  Prints what Backstory would highlight on a page (default: scripts/sample/sample-news.html).
  A .txt document is read as an article: first line the headline, each other line a paragraph.
  --json         {"article":{"text"},"highlights":[{"text","category","referenceId","start","end"}]}
  --every-page   highlight even when the article is not about the reference's subject (the extension's setting)`;

/** The CLI as a function: returns the exit code, so tests run it without a child process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const everyPage = argv.includes('--every-page');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json' && a !== '--every-page');
  const sources = argv.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || sources.length > 1) {
    io.stderr(`annotate: ${unknown.length > 0 ? `unknown option ${unknown[0]}` : 'give one page at a time'}\n${USAGE}`);
    return 2;
  }
  try {
    const page = await loadPage(sources[0] ?? SAMPLE_PAGE, io.fetch);
    const dataset = io.dataset ?? loadBundledDataset();
    const annotated = await annotateHtml(page.html, { url: page.url, dataset, everyPage });
    if (json) {
      const report: AnnotationReport = { article: annotated.article, highlights: annotated.highlights };
      io.stdout(JSON.stringify(report, null, 2));
    } else {
      io.stdout(formatReport(annotated, dataset, page.label));
    }
    return 0;
  } catch (error) {
    if (error instanceof AnnotateError) {
      io.stderr(`annotate: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

// Run only as a script, so tests can import the functions above.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(`${t}\n`),
    stderr: (t) => process.stderr.write(`${t}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('annotate: unexpected error:', error);
      process.exitCode = 1;
    },
  );
}
