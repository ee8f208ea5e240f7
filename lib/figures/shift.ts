// Placing a slice's readings back in the whole text. Apart from the reader (./index.ts), which the content script
// loads only when an article has figures to read, because the matcher calls it on every reading it is given.
import type { FigureReading } from './types';

/** The same reading with its offsets moved by `by` (a slice's readings placed back in the whole text). */
export function shiftReading(reading: FigureReading, by: number): FigureReading {
  if (by === 0) return reading;
  return { ...reading, start: reading.start + by, end: reading.end + by, numberStart: reading.numberStart + by, numberEnd: reading.numberEnd + by };
}
