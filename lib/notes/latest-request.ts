// "The latest request wins" for reads that may answer out of order (the page's notes asked for again before the
// first answer came, e.g. a single-page site moving on): an answer that arrives after a newer request was made is
// not used, and its caller gets the newer request's outcome instead.

export interface LatestRequest<T> {
  /** Asks (`ask`), and uses the answer (`use`) only if no newer request was made meanwhile. */
  run<A>(ask: () => Promise<A>, use: (answer: A) => T | Promise<T>): Promise<T>;
}

export function latestRequest<T>(): LatestRequest<T> {
  let asked = 0;
  let latest: Promise<T>;
  return {
    run(ask, use) {
      const request = ++asked;
      const outcome: Promise<T> = ask().then((answer) => (request === asked ? use(answer) : latest));
      latest = outcome;
      return outcome;
    },
  };
}
