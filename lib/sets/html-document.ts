// A reader's HTML file as a document: the detector Backstory uses on pages, with Readability (lib/article), on the
// parsed file. Apart from documents.ts so that the content script's module graph never reaches Readability.
import { detectArticle } from '../article';
import { buildTextMap } from '../text';
import type { NewDocument } from './limits';
import { articleDocument, titleFromFileName } from './documents';

/** Reads an HTML file's article (the detector Backstory uses on pages) and its metadata. */
export function htmlDocument(html: string, fileName: string, parse: (html: string) => Document): NewDocument {
  const doc = parse(html);
  const article = detectArticle(doc);
  const text = buildTextMap(article.nodes).text;
  const document = articleDocument(doc, article, text, undefined, 'file');
  return { ...document, title: document.title || titleFromFileName(fileName) };
}
