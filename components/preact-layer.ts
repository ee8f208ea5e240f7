// A shadow-root layer (ShadowLayer.tsx) that Preact renders into: the card's and the adder's.
import { render, type ComponentChild } from 'preact';
import { mountShadowLayer, type ShadowLayer, type ShadowLayerOptions } from './ShadowLayer';

export interface PreactLayer extends ShadowLayer {
  /** Renders `ui` in the layer, putting the host on the page; returns the mount element, or null where the document allows no layer. */
  render(ui: ComponentChild): HTMLElement | null;
}

export function mountPreactLayer(doc: Document, options: Omit<ShadowLayerOptions, 'empty'>): PreactLayer {
  const layer = mountShadowLayer(doc, { ...options, empty: (mount) => render(null, mount) });
  return {
    attach: () => layer.attach(),
    remove: () => layer.remove(),
    get attached() {
      return layer.attached;
    },
    owns: (target) => layer.owns(target),
    destroy: () => layer.destroy(),
    render(ui) {
      const target = layer.attach();
      if (!target) return null;
      try {
        render(ui, target);
      } catch {
        return null;
      }
      return target;
    },
  };
}
