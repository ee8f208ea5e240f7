// A note's linked reference item, checked: why it is gone (its set deleted, or the item no longer in it), or null.
// Backstory's pages provide the check (lib/sets/reference-state.ts) through ReferenceCheckContext; without one,
// every item counts as there.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ReferenceCheck } from '@/lib/sets/reference-state';

export const ReferenceCheckContext = createContext<ReferenceCheck | null>(null);

export function useReferenceGone(referenceId: string | undefined): string | null {
  const check = useContext(ReferenceCheckContext);
  const [gone, setGone] = useState<string | null>(null);
  useEffect(() => {
    if (!check || !referenceId) {
      setGone(null);
      return;
    }
    let alive = true;
    void check(referenceId).then((why) => { if (alive) setGone(why); }, () => undefined);
    return () => { alive = false; };
  }, [check, referenceId]);
  return gone;
}
