// Operations run one after another, each starting when the one before has settled (a failure does not stop the
// queue): the order within one context where no lock across contexts is needed or none is available.

/** A queue: each call runs `op` after every operation queued before it has settled, and answers with its result. */
export function inTurn(): <T>(op: () => Promise<T>) => Promise<T> {
  let turn: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const next = turn.then(op);
    turn = next.catch(() => undefined);
    return next;
  };
}
