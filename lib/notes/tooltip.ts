// The tooltip that shows a note's text on the page. It lives in a closed shadow root so the page's styles
// cannot restyle it, its styles do not leak into the page, and the page's scripts cannot read the reader's
// notes out of it. Everything is set with textContent: a note containing HTML is shown as text.

export interface TooltipNote {
  text: string;
  tags: string[];
}

export interface NoteTooltip {
  /** Shows `notes` next to `anchor` (viewport coordinates). */
  show(notes: TooltipNote[], anchor: DOMRect): void;
  hide(): void;
  readonly visible: boolean;
  destroy(): void;
}

const STYLE = `
:host { all: initial; }
.tip {
  position: fixed; z-index: 2147483647; max-width: min(360px, calc(100vw - 16px)); box-sizing: border-box;
  padding: 8px 10px; border-radius: 6px; border-left: 4px solid rgb(200 0 110);
  font: 14px/1.4 system-ui, sans-serif; white-space: pre-wrap; overflow-wrap: anywhere;
  background: #fff; color: #1a1a1a; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  max-height: 50vh; overflow: auto;
}
.label { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: #7a0045; margin-bottom: 2px; }
.note + .note { margin-top: 8px; padding-top: 8px; border-top: 1px solid rgb(0 0 0 / 0.15); }
.tags { margin-top: 4px; font-size: 12px; color: #555; }
.empty { font-style: italic; color: #555; }
@media (prefers-color-scheme: dark) {
  .tip { background: #232326; color: #f2f2f2; box-shadow: 0 4px 16px rgb(0 0 0 / 0.6); }
  .label { color: #ff8cc6; }
  .tags, .empty { color: #bbb; }
  .note + .note { border-top-color: rgb(255 255 255 / 0.2); }
}
`;

export function createNoteTooltip(doc: Document, options: { mode?: ShadowRootMode } = {}): NoteTooltip {
  let host: HTMLElement | null = null;
  let box: HTMLElement | null = null;

  const ensure = () => {
    if (host && box && host.isConnected) return box;
    host = doc.createElement('backstory-note-tip');
    // Inline so the page's CSS for unknown elements cannot hide or move the host.
    host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647;');
    const root = host.attachShadow({ mode: options.mode ?? 'closed' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    box = doc.createElement('div');
    box.className = 'tip';
    box.setAttribute('role', 'tooltip');
    root.append(style, box);
    doc.documentElement.append(host);
    return box;
  };

  const api: NoteTooltip = {
    get visible() {
      return !!host?.isConnected;
    },
    show(notes, anchor) {
      const tip = ensure();
      tip.replaceChildren();
      const label = doc.createElement('div');
      label.className = 'label';
      label.textContent = notes.length > 1 ? `Backstory · ${notes.length} notes` : 'Backstory note';
      tip.append(label);
      for (const note of notes) {
        const item = doc.createElement('div');
        item.className = 'note';
        const body = doc.createElement('div');
        if (note.text.trim()) body.textContent = note.text;
        else {
          body.className = 'empty';
          body.textContent = '(highlight without a note)';
        }
        item.append(body);
        if (note.tags.length) {
          const tags = doc.createElement('div');
          tags.className = 'tags';
          tags.textContent = note.tags.map((t) => `#${t}`).join(' ');
          item.append(tags);
        }
        tip.append(item);
      }
      // Below the highlight when there is room, else above; kept inside the viewport horizontally.
      const view = doc.defaultView;
      const vw = view?.innerWidth ?? 1024;
      const vh = view?.innerHeight ?? 768;
      const width = Math.min(360, vw - 16);
      const left = Math.max(8, Math.min(anchor.left, vw - width - 8));
      tip.style.left = `${left}px`;
      if (anchor.bottom + 8 + 120 < vh || anchor.top < vh / 2) {
        tip.style.top = `${anchor.bottom + 6}px`;
        tip.style.bottom = '';
      } else {
        tip.style.top = '';
        tip.style.bottom = `${vh - anchor.top + 6}px`;
      }
    },
    hide() {
      host?.remove();
    },
    destroy() {
      host?.remove();
      host = null;
      box = null;
    },
  };
  return api;
}
