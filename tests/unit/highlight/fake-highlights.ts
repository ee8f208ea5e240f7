// jsdom has no CSS Custom Highlight API; this installs a minimal, spec-shaped one (a Set-like Highlight with
// a priority, a Map-like registry) so the code paths for browsers that have it run under vitest.
export class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

export function installFakeHighlights(win: Window = window): { registry: Map<string, FakeHighlight>; uninstall(): void } {
  const w = win as unknown as { CSS?: { highlights?: unknown }; Highlight?: unknown };
  const hadCss = 'CSS' in w;
  const registry = new Map<string, FakeHighlight>();
  if (!w.CSS) w.CSS = {};
  w.CSS.highlights = registry;
  w.Highlight = FakeHighlight;
  return {
    registry,
    uninstall() {
      delete w.Highlight;
      if (w.CSS) delete w.CSS.highlights;
      if (!hadCss) delete w.CSS;
    },
  };
}

/** jsdom lays nothing out: give ranges a rect so hit-testing and scrolling code can run. */
export function stubRangeGeometry(rects: (range: Range) => DOMRect[] = () => [new DOMRect(0, 0, 10, 10)]): () => void {
  const proto = Range.prototype as unknown as { getClientRects?: unknown; getBoundingClientRect?: unknown };
  const before = { getClientRects: proto.getClientRects, getBoundingClientRect: proto.getBoundingClientRect };
  proto.getClientRects = function (this: Range) {
    return rects(this);
  };
  proto.getBoundingClientRect = function (this: Range) {
    return rects(this)[0] ?? new DOMRect();
  };
  return () => Object.assign(proto, before);
}
