// "— this item is gone: its reference set was deleted": said after a note's link to a reference item that no longer
// exists. The note itself, its text and its quote, stays as it was.
import { useReferenceGone } from './hooks/useReferenceGone';

export function ReferenceGone({ referenceId }: { referenceId: string }) {
  const gone = useReferenceGone(referenceId);
  return gone ? <span class="bs-reference-gone" data-testid="reference-gone"> — this item is gone: {gone}</span> : null;
}
