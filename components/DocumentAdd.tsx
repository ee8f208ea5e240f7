// Adding documents to a set on the library page: paste a text (with its title, publisher, date and address), or
// drop or choose .txt, .md and .html files, many at once. An HTML file is read the way Backstory reads a page
// (its article, headline, date and site); Markdown loses its markup; plain text is taken as it is. Files that
// cannot be read are named and left out; the others are added together and the set is built.
import { useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import { documentKind, pastedDocument, textDocument } from '@/lib/sets/documents';
import { htmlDocument } from '@/lib/sets/html-document';
import type { NewDocument } from '@/lib/sets/limits';
import { useTask } from './use-task';

interface FileLike {
  name: string;
  type: string;
  size: number;
  text(): Promise<string>;
}

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html');
/** Gives the page a turn between files, so choosing a hundred does not freeze it. */
const nextTask = () => new Promise<void>((ok) => setTimeout(ok, 0));

/** The documents in some files, and the files left out with the reason. */
export async function readFiles(files: readonly FileLike[]): Promise<{ documents: NewDocument[]; skipped: string[] }> {
  const documents: NewDocument[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const kind = documentKind(file.name, file.type);
    if (!kind) {
      skipped.push(`${file.name}: not a .txt, .md or .html file`);
      continue;
    }
    try {
      const content = await file.text();
      const doc = kind === 'html' ? htmlDocument(content, file.name, parseHtml) : textDocument(content, file.name, kind === 'markdown');
      if (doc.text.trim() === '') skipped.push(`${file.name}: no text in it`);
      else documents.push(doc);
    } catch (e) {
      skipped.push(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await nextTask();
  }
  return { documents, skipped };
}

export function DocumentAdd({ api, setId, onAdded }: { api: SetsApi; setId: string; onAdded(): void }) {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [publisher, setPublisher] = useState('');
  const [date, setDate] = useState('');
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);
  const pasting = useTask();
  const filing = useTask();

  const addPasted = (event: Event) => {
    event.preventDefault();
    void pasting.run(async () => {
      const doc = pastedDocument(text, { title, publisher, date, url });
      await api.addDocuments(setId, [doc]);
      setText('');
      setTitle('');
      setPublisher('');
      setDate('');
      setUrl('');
      onAdded();
      // Said so it stays true once the build is over (its progress shows above).
      return `Added “${doc.title}”: the set is built again with it.`;
    });
  };

  const addFiles = (files: readonly FileLike[]) => {
    if (files.length === 0) return;
    void filing.run(async () => {
      const { documents, skipped } = await readFiles(files);
      const left = skipped.length ? ` Left out: ${skipped.join('; ')}.` : '';
      if (documents.length === 0) throw new Error(`No document could be read.${left}`);
      await api.addDocuments(setId, documents);
      onAdded();
      return `Added ${documents.length} document${documents.length === 1 ? '' : 's'}: the set is built again with ${documents.length === 1 ? 'it' : 'them'}.${left}`;
    });
  };

  return (
    <section aria-labelledby="bs-doc-add-title" class="bs-doc-add">
      <h3 id="bs-doc-add-title">Add documents</h3>
      <div
        class={dragging ? 'bs-drop bs-dragging' : 'bs-drop'}
        data-testid="drop-zone"
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          addFiles([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <label for="bs-doc-files">Drop .txt, .md or .html files here, or choose them:</label>{' '}
        <input
          id="bs-doc-files"
          type="file"
          multiple
          accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
          disabled={filing.busy}
          onChange={(e) => {
            const input = e.currentTarget;
            addFiles([...(input.files ?? [])]);
            input.value = '';
          }}
        />
        <p class={filing.status?.error ? 'bs-error' : 'bs-hint'} role={filing.status?.error ? 'alert' : 'status'} data-testid="files-status">
          {filing.busy ? 'Reading the files…' : (filing.status?.text ?? '')}
        </p>
      </div>
      <form class="bs-paste" onSubmit={addPasted} aria-label="Paste a document">
        <label class="bs-field">
          Text
          <textarea rows={6} required value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="Paste an article or a report; its first line is taken as its title unless you give one." />
        </label>
        <div class="bs-paste-meta">
          <label class="bs-field">Title <input type="text" value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
          <label class="bs-field">Publisher <input type="text" value={publisher} onInput={(e) => setPublisher(e.currentTarget.value)} /></label>
          <label class="bs-field">Date <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} /></label>
          <label class="bs-field">Address <input type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://…" /></label>
        </div>
        <button type="submit" class="bs-primary" disabled={pasting.busy || text.trim() === ''}>Add the text</button>
        <p class={pasting.status?.error ? 'bs-error' : 'bs-hint'} role={pasting.status?.error ? 'alert' : 'status'}>{pasting.status?.text ?? ''}</p>
      </form>
    </section>
  );
}
