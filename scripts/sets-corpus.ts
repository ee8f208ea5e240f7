// Documents for building a large reference set, made from the pages of ../shared/corpus at run time (never
// committed): each page's article text whole, then its first and last three fifths, until there are enough. The
// browser test of a 200-document build and the bench's build row both use them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');

export interface CorpusDocument {
  /** A file name for it (the library reads `.txt` files). */
  name: string;
  title: string;
  text: string;
}

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

export function corpusDocuments(count: number): CorpusDocument[] {
  const pages = readdirSync(CORPUS_DIR)
    .filter((n) => existsSync(join(CORPUS_DIR, n, 'expected.txt')))
    .sort()
    .map((n) => {
      const meta = JSON.parse(readFileSync(join(CORPUS_DIR, n, 'meta.json'), 'utf8')) as { title?: string };
      const paragraphs = readFileSync(join(CORPUS_DIR, n, 'expected.txt'), 'utf8').split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
      return { name: n, title: (meta.title ?? n).replace(/\s+/g, ' ').trim(), paragraphs };
    })
    .filter((p) => p.paragraphs.length > 0);
  const out: CorpusDocument[] = [];
  for (let i = 0; out.length < count; i++) {
    const page = pages[i % pages.length]!;
    const variant = Math.floor(i / pages.length) % 3;
    const cut = Math.max(1, Math.ceil(page.paragraphs.length * 0.6));
    const body = variant === 0 ? page.paragraphs : variant === 1 ? page.paragraphs.slice(0, cut) : page.paragraphs.slice(-cut);
    const title = variant === 0 ? page.title : `${page.title} (${variant === 1 ? 'first part' : 'last part'})`;
    out.push({ name: `${String(out.length + 1).padStart(3, '0')}-${page.name}.txt`, title, text: `${title}\n\n${body.join('\n\n')}\n` });
  }
  return out;
}
