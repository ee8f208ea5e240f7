// What the page controller tells the popup and the badge: the page's status and what is painted, summarised per
// category and per reference item, and reported (debounced) whenever it changes.
import { MATCH_CATEGORIES, type MatchCategory } from '../match/types';
import type { Relevance } from '../match/relevance';
import type { HighlightItem } from '../highlight/highlighter';
import type { PageStatus, PageSummary } from './messages';
import { foundItems } from './found';
import { Timer } from './schedule';

export interface SummaryInput {
  url: string;
  site: string;
  status: PageStatus;
  mode: 'css' | 'wrap';
  /** Painted items, in document order. */
  items: readonly HighlightItem[];
  label: (referenceId: string) => string;
  /** Whether the article read last is about the reference's subject; absent until an article has been read. */
  relevance?: Pick<Relevance, 'onSubject' | 'subject'>;
  /** The reader asked for highlights on every page, whatever it is about. */
  everyPage?: boolean;
}

export function summarize(input: SummaryInput): PageSummary {
  const byCategory = Object.fromEntries(MATCH_CATEGORIES.map((c) => [c, 0])) as Record<MatchCategory, number>;
  for (const item of input.items) byCategory[item.match.category]++;
  return {
    url: input.url,
    site: input.site,
    status: input.status,
    mode: input.mode,
    total: input.items.length,
    byCategory,
    items: foundItems(input.items.map((item) => item.match), input.label),
    ...(input.relevance ? { onSubject: input.relevance.onSubject || input.everyPage === true } : {}),
    ...(input.relevance?.subject ? { subject: input.relevance.subject } : {}),
  };
}

/** Reports changes at most once per burst: many paints in a row (chunks, a living page) send one report. */
export class Reporter {
  private readonly timer: Timer;

  constructor(report: () => void, private readonly delayMs = 30) {
    this.timer = new Timer(report);
  }

  changed(): void {
    this.timer.start(this.delayMs);
  }

  /** Sends a pending report now. */
  flush(): void {
    this.timer.runNow();
  }

  cancel(): void {
    this.timer.cancel();
  }
}
