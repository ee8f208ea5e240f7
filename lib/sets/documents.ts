// A reader's documents as the builder reads them: plain text with a headline on its first line, and the title,
// publisher, date and address where the source says. From a page (the article Backstory detects there, with the
// page's metadata), from an HTML file (the same detection on the parsed file), from Markdown (its syntax taken
// out, its front matter read) or from plain text. What the builder reads is what is stored: provenance offsets
// index exactly this text.
// An HTML file's document (the full detector, Readability in it) is in html-document.ts, so the content script, which
// takes its page's article from here, does not carry Readability.
import type { ArticleResult } from '../article/detect';
import { readPageContext } from '../page-context';
import type { NewDocument } from './limits';

export interface DocumentMetadata {
  title?: string;
  publisher?: string;
  /** YYYY-MM-DD (or YYYY-MM). */
  date?: string;
  url?: string;
}

/** File types a reader may drop or choose, by extension. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;

const clean = (s: string | null | undefined) => s?.replace(/\s+/g, ' ').trim() || undefined;

function meta(doc: Document, selectors: readonly string[]): string | undefined {
  for (const s of selectors) {
    const value = clean(doc.querySelector(s)?.getAttribute('content'));
    if (value) return value;
  }
  return undefined;
}

/** The publisher's name: the page's own (og:site_name and its kin), else its site. */
function publisherOf(doc: Document, url: string | undefined): string | undefined {
  const named = meta(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]', 'meta[property="article:publisher"]']);
  if (named && !/^https?:/i.test(named)) return named;
  if (!url) return undefined;
  try {
    const { hostname, protocol } = new URL(url);
    return /^https?:$/.test(protocol) ? hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

/** The page's canonical address when it states one, else the address it was read from. */
function canonicalUrl(doc: Document, fallback: string | undefined): string | undefined {
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, ['meta[property="og:url"]']);
  if (canonical) {
    try {
      const absolute = new URL(canonical, fallback ?? doc.baseURI).href;
      if (/^https?:/i.test(absolute)) return absolute;
    } catch {
      // A broken canonical link says nothing.
    }
  }
  return fallback && /^https?:/i.test(fallback) ? fallback : undefined;
}

/** Title, publisher, date and address as a page's metadata states them (lib/page-context.ts reads the date). */
export function pageMetadata(doc: Document, article: ArticleResult | null, url?: string): DocumentMetadata {
  const headline = clean(article?.headline.map((n) => n.data).join(' '));
  const title = headline ?? clean(article?.title) ?? meta(doc, ['meta[property="og:title"]']) ?? clean(doc.title);
  const date = readPageContext(doc).date;
  const publisher = publisherOf(doc, url);
  const address = canonicalUrl(doc, url);
  return { ...(title ? { title } : {}), ...(publisher ? { publisher } : {}), ...(date ? { date } : {}), ...(address ? { url: address } : {}) };
}

/**
 * The article of a page as a document: the text Backstory highlights (lib/text's map of the detected article),
 * headline first. `text` is that map's text when the caller has it already (the content script's page model).
 */
export function articleDocument(doc: Document, article: ArticleResult, text: string, url: string | undefined, origin: NewDocument['origin']): NewDocument {
  const metadata = pageMetadata(doc, article, url);
  return { ...metadata, title: metadata.title ?? '', text: withHeadline(text, metadata.title), origin };
}

/** The builder reads the first line as the headline: a text that does not start with it gets it. */
function withHeadline(text: string, title: string | undefined): string {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (!title) return body;
  const first = body.split('\n', 1)[0]!.trim();
  return first === title || body.startsWith(title) ? body : `${title}\n\n${body}`;
}

/** YAML-ish front matter ("---\ntitle: …\ndate: …\n---"): the keys a document's metadata needs. */
function frontMatter(text: string): { metadata: DocumentMetadata; body: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { metadata: {}, body: text };
  const metadata: DocumentMetadata = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^(\w+)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const value = kv[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
    const key = kv[1]!.toLowerCase();
    if (key === 'title') metadata.title = value;
    else if (key === 'publisher' || key === 'source' || key === 'site') metadata.publisher = value;
    else if (key === 'date' || key === 'published') {
      const day = /^\d{4}-\d{2}(?:-\d{2})?/.exec(value)?.[0];
      if (day) metadata.date = day;
    } else if (key === 'url' || key === 'link') metadata.url = value;
  }
  return { metadata, body: text.slice(m[0].length) };
}

/** Markdown as the prose it is: headings, emphasis, links, images, code marks and list bullets taken out. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^\x60{3}[^\n]*\n([\s\S]*?)^\x60{3}[ \t]*$/gm, '$1')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^\[[^\]]+\]:\s+\S+.*$/gm, '')
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1')
    .replace(/^(.+)\n(?:=+|-+)[ \t]*$/gm, '$1')
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)([^*_\n]*?\S)\2(?![\w*])/g, '$1$3')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function titleFromFileName(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').trim();
}

/** A plain-text or Markdown file as a document: its first line is the headline (the builder reads it so). */
export function textDocument(content: string, fileName: string, markdown: boolean): NewDocument {
  const normalized = content.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const { metadata, body } = markdown ? frontMatter(normalized) : { metadata: {} as DocumentMetadata, body: normalized };
  const text = withHeadline(markdown ? markdownToText(body) : body.trim(), metadata.title);
  const firstLine = text.split('\n').map((l) => l.trim()).find(Boolean);
  return {
    ...metadata,
    title: metadata.title ?? firstLine?.slice(0, 300) ?? titleFromFileName(fileName),
    text,
    origin: 'file',
  };
}

/** Pasted text: the reader names it, or its first line does. */
export function pastedDocument(text: string, metadata: DocumentMetadata = {}): NewDocument {
  const body = withHeadline(text.replace(/\r\n?/g, '\n').trim(), clean(metadata.title));
  const firstLine = body.split('\n').map((l) => l.trim()).find(Boolean);
  return {
    ...Object.fromEntries(Object.entries(metadata).filter(([, v]) => typeof v === 'string' && v.trim() !== '')),
    title: clean(metadata.title) ?? firstLine?.slice(0, 300) ?? '',
    text: body,
    origin: 'paste',
  };
}

/** Which reader a file needs, by its name (and type); undefined for a file Backstory does not read. */
export function documentKind(name: string, type = ''): 'text' | 'markdown' | 'html' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown') || type === 'text/markdown') return 'markdown';
  if (lower.endsWith('.html') || lower.endsWith('.htm') || type === 'text/html') return 'html';
  if (lower.endsWith('.txt') || type === 'text/plain') return 'text';
  return undefined;
}
