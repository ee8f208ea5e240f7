// Living pages: content the page adds later ("read more", lazy paragraphs, infinite scroll) is annotated in
// batches, looking only at the added or edited text nodes; removed content is reported so its highlights go.
// Our own DOM changes (the UI hosts, fallback marks) are never fed back as page changes.
import { FURNITURE_SELECTOR, isExcludedText } from '../article/filter';

export interface PageChanges {
  /** Text nodes added or edited by the page since the last batch, in document order, still connected. */
  texts: Text[];
  /** Text nodes whose data the page edited (their old highlights are stale). */
  edited: Set<Text>;
  /** Whether anything was removed (highlights on removed text must be dropped). */
  removed: boolean;
}

export interface LivingOptions {
  /** Coalesces bursts: a batch runs this long after the last change... */
  quietMs?: number;
  /** ...but no later than this after the first one (a page that never stops changing still gets annotated). */
  maxWaitMs?: number;
  /** Nodes that are ours: never reported. */
  isOwn?: (node: Node) => boolean;
}

export interface LivingWatcher {
  /** Runs `change` (which mutates the DOM on our behalf) without reporting its mutations; returns them. */
  ignoring(change: () => void): MutationRecord[];
  /** Handles pending records now (tests, settling). */
  flush(): void;
  /** Drops pending records unreported (a fresh detection reads the page as it is now). */
  discard(): void;
  disconnect(): void;
}

export function watchPage(root: Node, onBatch: (changes: PageChanges) => void, options: LivingOptions = {}): LivingWatcher {
  const quiet = options.quietMs ?? 150;
  const maxWait = options.maxWaitMs ?? 600;
  const isOwn = options.isOwn ?? (() => false);
  const win = (root.ownerDocument ?? (root as Document)).defaultView!;
  let added = new Set<Text>();
  let edited = new Set<Text>();
  let removed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;

  const collect = (records: MutationRecord[]) => {
    for (const r of records) {
      if (isOwn(r.target)) continue;
      if (r.type === 'characterData') {
        if (r.target.nodeType === Node.TEXT_NODE) {
          edited.add(r.target as Text);
          added.add(r.target as Text);
        }
        continue;
      }
      // Our own host leaving the page (a tooltip hidden) removes nothing of the page's.
      if (!removed && Array.from(r.removedNodes).some((n) => !isOwn(n))) removed = true;
      for (const n of Array.from(r.addedNodes)) {
        if (isOwn(n)) continue;
        if (n.nodeType === Node.TEXT_NODE) added.add(n as Text);
        else if (n.nodeType === Node.ELEMENT_NODE) {
          const walker = (n.ownerDocument ?? win.document).createTreeWalker(n, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode(); t; t = walker.nextNode()) added.add(t as Text);
        }
      }
    }
  };

  const reset = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstAt = 0;
  };

  const run = () => {
    reset();
    collect(observer.takeRecords());
    if (!added.size && !removed) return;
    const texts = [...added].filter((t) => t.isConnected && !isOwn(t)).sort(documentOrder);
    const batch: PageChanges = { texts, edited, removed };
    added = new Set();
    edited = new Set();
    removed = false;
    onBatch(batch);
  };

  const schedule = () => {
    const now = Date.now();
    if (!firstAt) firstAt = now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, Math.min(quiet, firstAt + maxWait - now)));
  };

  const observer = new win.MutationObserver((records) => {
    collect(records);
    if (added.size || removed) schedule();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });

  return {
    ignoring(change) {
      // Keep the page's pending records, run our change, then take the records it caused out of the page's.
      collect(observer.takeRecords());
      try {
        change();
      } catch (error) {
        observer.takeRecords();
        throw error;
      }
      return observer.takeRecords();
    },
    flush: run,
    discard() {
      reset();
      observer.takeRecords();
      added = new Set();
      edited = new Set();
      removed = false;
    },
    disconnect() {
      reset();
      observer.disconnect();
    },
  };
}

export function documentOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** The lowest element containing every article node: later additions inside it are article candidates. */
export function articleScope(nodes: readonly Text[]): Element | null {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return null;
  const range = first.ownerDocument.createRange();
  range.setStartBefore(first);
  range.setEndAfter(last);
  const common = range.commonAncestorContainer;
  return common.nodeType === Node.ELEMENT_NODE ? (common as Element) : common.parentElement;
}

/** Whether a text node added later belongs to the article: inside its scope and not in page furniture. */
export function isArticleAddition(node: Text, scope: Element | null): boolean {
  if (!scope || !scope.contains(node) || isExcludedText(node)) return false;
  const parent = node.parentElement;
  if (!parent) return false;
  // Page furniture inside the article's element (lib/article's rule, as is what is never text at all).
  const furniture = parent.closest(FURNITURE_SELECTOR);
  // Furniture that *contains* the whole scope (an article inside a <form>) does not exclude it.
  return !furniture || furniture.contains(scope);
}
