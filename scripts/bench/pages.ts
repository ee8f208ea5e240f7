// The bench's pages, built at run time: (a) each seed document as a news page, (b) the largest page of the
// corpus, (c) a generated 200,000-word article. Nothing from ../shared is copied into the project; the seed and
// corpus pages are read from there on each run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { prng } from './prng';

export interface BenchPage {
  /** Short key for the table: "a:000_…", "b:yahoo-2", "c:200k". */
  key: string;
  kind: 'seed' | 'corpus' | 'generated';
  description: string;
  html: string;
  words: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const countWords = (s: string) => s.match(/\S+/g)?.length ?? 0;

/**
 * A news layout around `paragraphs`: a header menu, a sidebar and a footer that name reference entities too,
 * as real pages do, so detection has something to leave out.
 */
export function newsPage(title: string, paragraphs: readonly string[], names: readonly string[]): string {
  const around = (i: number) => names[i % Math.max(1, names.length)] ?? 'World';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 Georgia,serif;margin:0}header,footer{background:#eee;padding:8px}main{display:flex;gap:24px;padding:16px}article{flex:3}aside{flex:1;font:14px sans-serif}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/t1">${escapeHtml(around(0))}</a></li><li><a href="/t2">${escapeHtml(around(1))}</a></li></ul></nav></header>
<main><article><h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article>
<aside><h2>Most read</h2><ul>${[2, 3, 4].map((i) => `<li><a href="/r${i}">More on ${escapeHtml(around(i))}</a></li>`).join('')}</ul></aside></main>
<footer><p>About us · ${escapeHtml(around(5))} bureau · Privacy</p></footer>
</body></html>`;
}

/** (a) One page per seed document: its first line as the headline, the rest as paragraphs. */
export function seedPages(seedsDir: string, names: readonly string[]): BenchPage[] {
  if (!existsSync(seedsDir)) return [];
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const lines = readFileSync(join(seedsDir, file), 'utf8')
        .split(/\n\s*\n|\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      const [title = file, ...body] = lines;
      // Seed documents repeat their headline as the first paragraph; keep one.
      const paragraphs = body[0] === title ? body.slice(1) : body;
      return {
        key: `a:${basename(file, '.txt').slice(0, 12)}`,
        kind: 'seed' as const,
        description: `seed document ${file}`,
        html: newsPage(title, paragraphs, names),
        words: countWords(paragraphs.join(' ')) + countWords(title),
      };
    });
}

/** Every corpus page as it was saved, largest HTML first. */
export function corpusPages(corpusDir: string): BenchPage[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .map((d) => join(corpusDir, d, 'page.html'))
    .filter((p) => existsSync(p))
    .map((p) => ({ p, size: statSync(p).size }))
    .sort((x, y) => y.size - x.size)
    .map(({ p, size }) => {
      const html = readFileSync(p, 'utf8');
      const name = basename(join(p, '..'));
      const text = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
      return { key: `b:${name}`, kind: 'corpus' as const, description: `corpus/${name} (${(size / 1024).toFixed(0)} KB of HTML)`, html, words: countWords(text) };
    });
}

/** (b) The largest corpus page by HTML size, as it was saved. */
export function largestCorpusPage(corpusDir: string): BenchPage | null {
  return corpusPages(corpusDir)[0] ?? null;
}

// Plain filler vocabulary (the project's own list): common words that name nothing in the reference.
const FILLER = `the a of and to in that it was for on are as with his they at be this from have or by one had not but what
all were when we there can an your which their said if do will each about how up out them then she many some so these
would other into has more her two like him see time could no make than first been its who now people my made over did
down only way find use may water long little very after words called just where most know get through back much go good
new write our me man too any day same right look think also around another came come work three word must because does
part even place well such here take why things help put years different away again off went old number great tell men
say small every found still between name should home big give air line set own under read last never us left end along
while might next sound below saw something thought both few those always looked show large often together asked house
world going want school important until form food keep children feet land side without boy once animals life enough took
sometimes four head above kind began almost live page got earth need far hand high year mother light parts country father
let night following picture being study second eyes soon times story boys since white days ever paper hard near sentence
better best across during today others however sure means knew try told young miles sun ways thing whole hear example heard
several change answer room sea against top turned learn point city play toward five using himself usually money seen`
  .split(/\s+/)
  .filter(Boolean);

/**
 * (c) A generated article of `targetWords` words: sentences of filler with reference aliases (about one in 60
 * words) and figure phrases (about one in 400) mixed in, in paragraphs of 60–140 words.
 */
export function generatedPage(targetWords: number, aliases: readonly string[], figures: readonly string[]): BenchPage {
  const random = prng(20_130_401);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const paragraphs: string[] = [];
  let words = 0;
  while (words < targetWords) {
    const target = 60 + Math.floor(random() * 80);
    const sentences: string[] = [];
    let inParagraph = 0;
    while (inParagraph < target) {
      const parts: string[] = [];
      const length = 8 + Math.floor(random() * 14);
      for (let i = 0; i < length; i++) {
        const roll = random();
        if (roll < 1 / 60 && aliases.length > 0) parts.push(pick(aliases));
        else if (roll < 1 / 60 + 1 / 400 && figures.length > 0) parts.push(pick(figures));
        else parts.push(pick(FILLER));
      }
      const sentence = parts.join(' ');
      sentences.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
      inParagraph += countWords(sentence);
    }
    paragraphs.push(sentences.join(' '));
    words += inParagraph;
  }
  return {
    key: `c:${Math.round(words / 1000)}k`,
    kind: 'generated',
    description: `generated article, ${words.toLocaleString('en')} words in ${paragraphs.length.toLocaleString('en')} paragraphs`,
    html: newsPage('A very long report', paragraphs, aliases),
    words,
  };
}
