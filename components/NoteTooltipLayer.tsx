// The note tooltip on the page: NoteTooltip.tsx in a closed shadow-root layer (ShadowLayer.tsx), so the
// page's scripts cannot read the reader's notes out of it and its styles neither leak nor get restyled. The
// host is on the page only while the tooltip shows.
import { NoteTooltip } from './NoteTooltip';
import { mountShadowLayer, placeNear } from './ShadowLayer';
import type { NoteTooltipPresenter } from '@/lib/notes/page-controller';

const CSS = `
.tip {
  position: fixed; max-width: min(360px, calc(100vw - 16px)); box-sizing: border-box;
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

export interface NoteTooltipLayer extends NoteTooltipPresenter {
  destroy(): void;
}

export function mountNoteTooltipLayer(doc: Document, options: { mode?: ShadowRootMode } = {}): NoteTooltipLayer {
  const layer = mountShadowLayer(doc, { name: 'note-tip', css: CSS, mode: options.mode ?? 'closed' });
  return {
    get visible() {
      return layer.attached;
    },
    show(notes, anchor) {
      const tip = layer.render(<NoteTooltip notes={notes} />)?.querySelector<HTMLElement>('.tip');
      if (tip) placeNear(tip, anchor, doc.defaultView!, 6);
    },
    hide: () => layer.remove(),
    destroy: () => layer.destroy(),
  };
}
