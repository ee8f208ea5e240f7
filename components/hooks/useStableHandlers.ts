// Handlers that are the same functions at every draw, each calling the latest one it was given: an element kept from
// the last draw (a memoised section) or a child that compares its props (a note in the library) is not drawn again
// just because its parent made new closures at a key typed or a note selected, and still never calls a stale one.
import { useRef, useState } from 'preact/hooks';

/**
 * The same object of the same functions at every draw, each calling the handler of its name given at the latest draw.
 * The names are taken at the first draw: give the same names, each a function, at every draw.
 */
export function useStableHandlers<T extends { [K in keyof T]: (...args: never[]) => unknown }>(handlers: T): T {
  const latest = useRef(handlers);
  latest.current = handlers;
  const [stable] = useState(() => {
    const made: Partial<Record<keyof T, unknown>> = {};
    for (const name of Object.keys(handlers) as (keyof T)[]) {
      made[name] = (...args: never[]) => latest.current[name](...args);
    }
    return made as T;
  });
  return stable;
}
