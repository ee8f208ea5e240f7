// A Vite plugin that turns the bundled reference (lib/reference/dataset.json) into the small summary the first-run
// page and the notes library show, at build time: `import summary from 'virtual:reference-summary'`. They state what
// the reference covers from the very file the content script matches against, without shipping the whole dataset.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { summarizeReference } from '../lib/reference/summary';
import type { Dataset } from '../lib/reference/types';

const ID = 'virtual:reference-summary';
const RESOLVED = `\0${ID}`;
const DATASET = resolve(import.meta.dirname, '..', 'lib', 'reference', 'dataset.json');

export function referenceSummary(): Plugin {
  return {
    name: 'backstory:reference-summary',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      // Rebuilt in `wxt dev` when `npm run dataset` rewrites the dataset.
      this.addWatchFile(DATASET);
      const dataset = JSON.parse(readFileSync(DATASET, 'utf8')) as Dataset;
      return `export default ${JSON.stringify(summarizeReference(dataset))};`;
    },
  };
}
