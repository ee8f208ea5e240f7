// The figure engine (./figure-engine.ts) itself: lib/figures' reader and ./figures.ts' judge. Node code gets it
// through ./index.ts's createMatcher; the extension ships it as a script of its own (entrypoints/figures.ts).
import { readFigures } from '../figures';
import { createFigureJudge } from './figures';
import type { FigureEngine } from './figure-engine';

export const figureEngine: FigureEngine = { readFigures, createFigureJudge };
