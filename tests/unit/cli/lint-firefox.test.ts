// scripts/lint-firefox.ts decides whether `web-ext lint` passes in `npm test`: errors and unexplained warnings fail;
// a warning passes only when the bundled code at its position is a known library's.
import { describe, expect, test } from 'vitest';
import { classify, ownMarkupSinks, type LintMessage, type LintReport } from '../../../scripts/lint-firefox';

const unsafe = (file: string, line: number, column: number): LintMessage => ({
  code: 'UNSAFE_VAR_ASSIGNMENT',
  message: 'Unsafe assignment to innerHTML',
  file,
  line,
  column,
});

const report = (over: Partial<LintReport>): LintReport => ({ errors: [], warnings: [], notices: [], ...over });

// Minified the way the build leaves them: Readability's retry path and Preact's dangerouslySetInnerHTML branch.
const READABILITY = 'var Re=this._getInnerText(q,!0).length;if(Re<this._charThreshold)if(Ee=!1,e.innerHTML=s,this._attempts.push({articleContent:q})';
const PREACT = 'l=="dangerouslySetInnerHTML"?T=A:l=="value"?C=A:0;T?(a||x&&(T.__html==x.__html||T.__html==r.innerHTML)||(r.innerHTML=T.__html),e.__k=[])';
const OURS = 'function show(n,t){const card=document.createElement("div");card.innerHTML=t.note;n.append(card)}';

const files: Record<string, string> = {
  'content.js': `${'x'.repeat(1000)};${READABILITY};\n${OURS}`,
  'chunk.js': PREACT,
};
const read = (file: string) => files[file];
const column = (file: string, needle: string, lineIndex = 0) => files[file]!.split('\n')[lineIndex]!.indexOf(needle);

describe('classify', () => {
  test('warnings inside Readability and Preact are accepted and say which library', () => {
    const r = classify(
      report({ warnings: [unsafe('content.js', 1, column('content.js', 'e.innerHTML=s')), unsafe('chunk.js', 1, column('chunk.js', 'r.innerHTML=T'))] }),
      read,
    );
    expect(r.failures).toEqual([]);
    expect(r.libraries.map((l) => l.library.library)).toEqual(['@mozilla/readability', 'preact']);
  });

  test('the same warning in our own code fails, even in the file Readability is bundled into', () => {
    const r = classify(report({ warnings: [unsafe('content.js', 2, column('content.js', 'card.innerHTML', 1))] }), read);
    expect(r.failures).toHaveLength(1);
    expect(r.libraries).toEqual([]);
  });

  test('a library signature far from the flagged column does not excuse it', () => {
    const far = `${READABILITY}${';'.repeat(2000)}${OURS}`;
    const r = classify(report({ warnings: [unsafe('far.js', 1, far.indexOf('card.innerHTML'))] }), (f) => (f === 'far.js' ? far : undefined));
    expect(r.failures).toHaveLength(1);
  });

  test('errors always fail, and so do warnings of another kind or without a position', () => {
    const r = classify(
      report({
        errors: [{ code: 'MANIFEST_FIELD_REQUIRED', message: 'id missing', file: 'manifest.json' }],
        warnings: [{ code: 'MISSING_DATA_COLLECTION_PERMISSIONS', message: 'declare it', file: 'manifest.json' }],
        notices: [{ ...unsafe('chunk.js', 1, column('chunk.js', 'r.innerHTML=T')), code: 'OTHER_NOTICE' }],
      }),
      read,
    );
    expect(r.failures.map((m) => m.code)).toEqual(['MANIFEST_FIELD_REQUIRED', 'MISSING_DATA_COLLECTION_PERMISSIONS', 'OTHER_NOTICE']);
  });
});

describe('ownMarkupSinks', () => {
  test('finds markup written from strings in our sources, and ignores comments that mention it', () => {
    const found = ownMarkupSinks([
      { path: 'lib/a.ts', text: '// Readability resets body.innerHTML, which we avoid\nconst x = 1;' },
      { path: 'components/B.tsx', text: 'export const B = () => <div dangerouslySetInnerHTML={{ __html: s }} />;' },
      { path: 'lib/c.ts', text: 'node.textContent = s;\nel.innerHTML = s;\n  * innerHTML = in a doc comment' },
      { path: 'lib/d.ts', text: "el.insertAdjacentHTML('beforeend', s);" },
    ]);
    expect(found).toEqual([
      'components/B.tsx:1: export const B = () => <div dangerouslySetInnerHTML={{ __html: s }} />;',
      'lib/c.ts:2: el.innerHTML = s;',
      "lib/d.ts:1: el.insertAdjacentHTML('beforeend', s);",
    ]);
  });
});
