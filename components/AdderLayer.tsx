// The adder on the page: Adder.tsx (the toolbar) or AdderStatus.tsx (what a save did) in a shadow-root layer
// (ShadowLayer.tsx) beside the reader's selection, with a polite live region that announces each message. It holds
// no note text (the composer is in Backstory's own frame), so its root is open: assistive technology and tests
// reach it, and its buttons still answer only trusted events.
import { Adder } from './Adder';
import { AdderStatus } from './AdderStatus';
import { placeBox } from './ShadowLayer';
import { mountPreactLayer } from './preact-layer';
import type { AdderActions, AdderPresenter } from '@/lib/notes/adder';

const CSS = `
.adder { position: fixed; box-sizing: border-box; display: flex; align-items: center; gap: 2px; padding: 3px;
  border-radius: 8px; border: 1px solid #8886; pointer-events: auto; white-space: nowrap;
  font: 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #fff;
  box-shadow: 0 4px 16px #0003, 0 1px 3px #0002; text-align: left; direction: ltr; }
.adder button { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 6px; padding: 6px 10px;
  border-radius: 6px; cursor: pointer; color: inherit; font: inherit; font-weight: 550; }
.adder button:hover { background: #0000000f; }
.adder button:focus-visible { outline: 2px solid #1a5fd1; outline-offset: 1px; }
.adder button svg { flex: none; color: #a1005a; }
.adder.status { gap: 10px; padding: 3px 3px 3px 12px; }
.adder.status:focus { outline: none; }
.adder.status button { color: #0b4fbf; text-decoration: underline; padding: 6px 8px; }
@media (prefers-color-scheme: dark) {
  .adder { color: #ececf1; background: #26262c; border-color: #fff3; box-shadow: 0 4px 16px #0009; }
  .adder button:hover { background: #ffffff14; }
  .adder button:focus-visible { outline-color: #8ab4ff; }
  .adder button svg { color: #ff7ab8; }
  .adder.status button { color: #8ab4ff; }
}
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export interface AdderLayerOptions {
  /** Whether an event comes from the reader (the browser's own flag; replaceable only in tests). */
  trusted?: (event: Event) => boolean;
  /** Called after the adder showed, moved or went (what must not cover it places itself again). */
  onMoved?: () => void;
}

export interface AdderLayer extends AdderPresenter {
  /** Where the adder is while shown. */
  rect(): DOMRect | null;
  destroy(): void;
}

type View =
  | { kind: 'toolbar'; actions: AdderActions; focus: boolean }
  | { kind: 'status'; message: string; action?: { label: string; run(): void }; focus: boolean };

export function mountAdderLayer(doc: Document, options: AdderLayerOptions = {}): AdderLayer {
  const win = doc.defaultView!;
  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  const layer = mountPreactLayer(doc, { name: 'adder', css: CSS, mode: 'open' });
  let view: View | null = null;
  let anchor: DOMRect | null = null;
  let announcement = '';
  let box: HTMLElement | null = null;

  function draw() {
    const mount = layer.render(
      <>
        <div class="sr-only" role="status" aria-live="polite">{announcement}</div>
        {view?.kind === 'toolbar' ? <Adder actions={view.actions} focus={view.focus} trusted={trusted} /> : null}
        {view?.kind === 'status' ? <AdderStatus message={view.message} action={view.action} focus={view.focus} trusted={trusted} /> : null}
      </>,
    );
    box = mount?.querySelector<HTMLElement>('.adder') ?? null;
    if (box && anchor) place(box, anchor);
    options.onMoved?.();
  }

  function place(box: HTMLElement, at: DOMRect) {
    const { width, height } = box.getBoundingClientRect();
    const where = placeBox({ width, height }, at, win, 8)!;
    box.style.left = `${where.left}px`;
    box.style.top = `${where.top}px`;
  }

  const hasFocus = () => {
    const host = doc.activeElement;
    return !!host && layer.owns(host);
  };

  return {
    show(at, actions, { focus }) {
      anchor = at;
      view = { kind: 'toolbar', actions, focus };
      draw();
    },
    status(message, at, action) {
      anchor = at;
      // The keyboard stays in the adder when it was there (a save by Enter on Highlight).
      view = { kind: 'status', message, ...(action ? { action } : {}), focus: hasFocus() };
      announcement = message;
      draw();
    },
    reposition(at) {
      anchor = at;
      if (view) draw();
    },
    hide() {
      if (!view) return;
      view = null;
      anchor = null;
      announcement = '';
      draw();
    },
    get visible() {
      return view !== null;
    },
    get hasFocus() {
      return hasFocus();
    },
    owns: (target) => layer.owns(target),
    rect: () => (view && box?.isConnected ? box.getBoundingClientRect() : null),
    destroy() {
      view = null;
      layer.destroy();
    },
  };
}
