// `npm run eval`: every accuracy figure Backstory measures on ../shared, one section per area
// (scripts/eval/*.ts). `--only=<section>` runs one; `--json` prints one JSON object with a key per section instead of the tables.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CORPUS_DIR, runArticleEval } from './eval/article';
import { runBuilderEval } from './eval/builder';
import { runFigureEval } from './eval/figures';
import { runEntityEval } from './eval/entities';

export { CORPUS_DIR, evaluateCorpus } from './eval/article';

/** Each section prints its own table, or adds its figures under its key when `json` is given. */
const SECTIONS: { key: string; name: string; run: (argv: string[], json: Record<string, unknown> | null) => void | Promise<void> }[] = [
  { key: 'article', name: 'Article-body detection (../shared/corpus)', run: runArticleEval },
  { key: 'builder', name: 'Dataset builder on unseen documents (../shared/coverage, without curation)', run: runBuilderEval },
  { key: 'figures', name: 'Figure verdicts (../shared/coverage, tests/gold/coverage-figures.json)', run: runFigureEval },
  { key: 'entities', name: 'Entities: coverage, held-out pages, pages off the subject', run: runEntityEval },
];

async function main(argv: string[]): Promise<void> {
  if (!existsSync(CORPUS_DIR)) {
    console.error(`eval: corpus not found at ${CORPUS_DIR} (expected ../shared/ beside the repository)`);
    process.exit(2);
  }
  const json: Record<string, unknown> | null = argv.includes('--json') ? {} : null;
  // --only=<key> runs one section (article, builder, figures, entities).
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  for (const section of SECTIONS.filter((s) => !only || s.key === only)) {
    if (!json) console.log(`\n## ${section.name}\n`);
    await section.run(argv, json);
  }
  if (json) console.log(JSON.stringify(json, null, 2));
}

// Run only as a script, so tests can import the evaluation functions.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) void main(process.argv.slice(2));
