// Backstory's icons, rendered from the SVG sources in assets/ at build time (wxt.config.ts calls writeIcons), so the
// PNGs in the toolbar, the manifest and the store zips can never drift from the drawing. Run it directly to look at
// them: `npx tsx scripts/icons.ts [folder]` writes every size to the folder (default .output/icons).
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ASSETS = resolve(import.meta.dirname, '..', 'assets');

export interface IconSpec {
  size: number;
  /** The SVG drawn for this size (the 16 px cut has fewer lines, aligned to its own pixel grid). */
  source: 'icon.svg' | 'icon-16.svg';
  /**
   * Transparent margin on each side, in pixels. The Chrome Web Store asks for 96 px of artwork inside the 128 px
   * icon; the toolbar and extension-page sizes use the whole square.
   */
  padding: number;
}

/**
 * 16 and 32: the toolbar (1x and 2x); 48 and 96: the browsers' extension pages (Firefox asks for 48 and 96);
 * 64: Firefox's high-density add-on list; 128: the Chrome Web Store listing and the install dialog.
 */
export const ICON_SPECS: readonly IconSpec[] = [
  { size: 16, source: 'icon-16.svg', padding: 0 },
  { size: 32, source: 'icon.svg', padding: 0 },
  { size: 48, source: 'icon.svg', padding: 0 },
  { size: 64, source: 'icon.svg', padding: 0 },
  { size: 96, source: 'icon.svg', padding: 0 },
  { size: 128, source: 'icon.svg', padding: 16 },
];

/** `{ "16": "icons/16.png", ... }` for the manifest's `icons` and the toolbar action's `default_icon`. */
export function iconPaths(sizes: readonly number[] = ICON_SPECS.map((s) => s.size)): Record<string, string> {
  return Object.fromEntries(sizes.map((size) => [String(size), `icons/${size}.png`]));
}

let wasmReady: Promise<void> | undefined;

/** The renderer is WebAssembly (no native binary per platform); it may be initialised once per process. */
function ready(): Promise<void> {
  const wasmPath = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
  wasmReady ??= initWasm(readFileSync(wasmPath));
  return wasmReady;
}

/** Widens the root viewBox so the drawing keeps `padding` transparent pixels on each side at `size`. */
export function padViewBox(svg: string, size: number, padding: number): string {
  if (padding === 0) return svg;
  return svg.replace(/viewBox="([\d.\s-]+)"/, (_, box: string) => {
    const [x, y, w, h] = box.trim().split(/\s+/).map(Number) as [number, number, number, number];
    const margin = (w * padding) / (size - 2 * padding);
    return `viewBox="${x - margin} ${y - margin} ${w + 2 * margin} ${h + 2 * margin}"`;
  });
}

export async function renderIcon(spec: IconSpec): Promise<Uint8Array> {
  await ready();
  const svg = padViewBox(readFileSync(join(ASSETS, spec.source), 'utf8'), spec.size, spec.padding);
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: spec.size }, font: { loadSystemFonts: false } }).render();
  if (image.width !== spec.size || image.height !== spec.size) {
    throw new Error(`${spec.source} rendered at ${image.width}×${image.height}, not ${spec.size}×${spec.size}: is it square?`);
  }
  return image.asPng();
}

/** Renders every size into `dir` as `<size>.png` and returns the files written. */
export async function writeIcons(dir: string): Promise<{ size: number; path: string }[]> {
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const spec of ICON_SPECS) {
    const path = join(dir, `${spec.size}.png`);
    writeFileSync(path, await renderIcon(spec));
    written.push({ size: spec.size, path });
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = resolve(process.argv[2] ?? join(process.env.BACKSTORY_OUT_DIR ?? '.output', 'icons'));
  for (const { path } of await writeIcons(dir)) console.log(path);
}
