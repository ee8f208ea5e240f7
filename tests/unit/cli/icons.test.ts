// scripts/icons.ts renders the store and toolbar icons from assets/ at build time.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ICON_SPECS, iconPaths, padViewBox, renderIcon } from '../../../scripts/icons';

function png(bytes: Uint8Array) {
  const b = Buffer.from(bytes);
  return { signature: b.subarray(1, 4).toString('latin1'), width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('every size renders as a square PNG of that size', async () => {
  for (const spec of ICON_SPECS) expect(png(await renderIcon(spec))).toEqual({ signature: 'PNG', width: spec.size, height: spec.size });
});

test('the store icon keeps its transparent margin, the toolbar icon fills its square', async () => {
  // Alpha at the corners and edge midpoints: the padded 128 is clear 8 px in; the 32 px toolbar icon is drawn to the edge.
  const { Resvg } = await import('@resvg/resvg-wasm');
  const pixels = (svg: string, size: number) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().pixels;
  await renderIcon(ICON_SPECS[0]!); // initialises the renderer
  const svg = readFileSync('assets/icon.svg', 'utf8');
  const alphaAt = (p: Uint8Array, size: number, x: number, y: number) => p[(y * size + x) * 4 + 3]!;
  const padded = pixels(padViewBox(svg, 128, 16), 128);
  expect(alphaAt(padded, 128, 64, 8)).toBe(0);
  expect(alphaAt(padded, 128, 8, 64)).toBe(0);
  expect(alphaAt(padded, 128, 64, 17)).toBe(255);
  const full = pixels(svg, 32);
  expect(alphaAt(full, 32, 16, 0)).toBe(255);
});

test('padViewBox widens the viewBox so the drawing is (size − 2·padding) wide', () => {
  expect(padViewBox('<svg viewBox="0 0 32 32">', 128, 16)).toBe('<svg viewBox="-5.333333333333333 -5.333333333333333 42.666666666666664 42.666666666666664">');
  expect(padViewBox('<svg viewBox="0 0 32 32">', 32, 0)).toBe('<svg viewBox="0 0 32 32">');
});

test('the manifest paths name one PNG per size', () => {
  expect(iconPaths([16, 32])).toEqual({ '16': 'icons/16.png', '32': 'icons/32.png' });
  expect(Object.keys(iconPaths()).map(Number)).toEqual(expect.arrayContaining([16, 32, 48, 128]));
});
