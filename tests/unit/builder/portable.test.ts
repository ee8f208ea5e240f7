// The builder must also run in the extension (a worker or an extension page): nothing it imports, directly or
// through other modules of the project, may be Node-only.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const NODE_ONLY = /^(?:node:|fs$|path$|crypto$|os$|child_process$|url$|module$|worker_threads$)/;

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

function graph(entry: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) {
        external.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const target = base.endsWith('.json') ? undefined : [`${base}.ts`, `${base}/index.ts`].find((f) => { try { readFileSync(f); return true; } catch { return false; } });
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files: [...seen], external: [...external] };
}

describe('the builder is portable', () => {
  it('imports nothing Node-only, through any module it uses', () => {
    const { files, external } = graph(resolve(root, 'lib/builder/build.ts'));
    expect(files.some((f) => f.endsWith('/lib/builder/entities.ts'))).toBe(true);
    expect(external.filter((spec) => NODE_ONLY.test(spec))).toEqual([]);
    expect(external.sort()).toEqual(expect.arrayContaining(['compromise']));
  });
});
