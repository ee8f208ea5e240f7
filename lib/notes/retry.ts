// When to look again for notes the page no longer shows (orphaned, or their text taken away): only after the
// page changed where they could reappear, and no sooner than a back-off that doubles after every attempt that
// found nothing, so a page that never stops changing (a ticking clock, a live ticker) costs an attempt now and
// then, never one per change.

export interface RetryOptions {
  /** The wait after the first attempt that found nothing; it doubles after each. */
  firstDelayMs?: number;
  /** The longest wait between attempts. */
  maxDelayMs?: number;
  now?: () => number;
}

export class RetryWithBackoff {
  private readonly first: number;
  private readonly max: number;
  private readonly now: () => number;
  private delay: number;
  /** No attempt before this time. */
  private notBefore = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  /** A change came while an attempt ran: it may have brought what the attempt looked for. */
  private again = false;

  /** `attempt` resolves true when nothing is left to look for. */
  constructor(
    private readonly attempt: () => Promise<boolean>,
    options: RetryOptions = {},
  ) {
    this.first = options.firstDelayMs ?? 1000;
    this.max = options.maxDelayMs ?? 60_000;
    this.now = options.now ?? (() => Date.now());
    this.delay = this.first;
  }

  /** Whether an attempt is waiting or running. */
  get pending(): boolean {
    return this.timer !== undefined || this.running;
  }

  /** The page changed where the lost notes could be: an attempt, once the back-off allows. */
  changed(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => void this.run(), Math.max(0, this.notBefore - this.now()));
  }

  /** Starts a waiting attempt now if the back-off already allows it (settling before a check). */
  runIfDue(): boolean {
    if (this.timer === undefined || this.now() < this.notBefore) return false;
    clearTimeout(this.timer);
    void this.run();
    return true;
  }

  /** Everything was anchored afresh: the next change may try at once. */
  reset(): void {
    this.cancel();
    this.delay = this.first;
    this.notBefore = 0;
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    let done = false;
    try {
      done = await this.attempt();
    } catch {
      done = false;
    } finally {
      this.running = false;
    }
    if (done) {
      this.delay = this.first;
      this.notBefore = 0;
      this.again = false;
      return;
    }
    this.notBefore = this.now() + this.delay;
    this.delay = Math.min(this.delay * 2, this.max);
    if (this.again) {
      this.again = false;
      this.changed();
    }
  }
}
