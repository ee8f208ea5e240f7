// A verdict that an element inherits from its ancestors ("inside a <nav>", "inside a hidden element"),
// shared by article filtering and boilerplate pruning.

/**
 * Whether `el` or one of its ancestors (up to, not including, `stopAt`) satisfies `judge`. Memoised in
 * `cache`: sibling text nodes share their ancestors, so on a long article each element is judged once rather
 * than once per text node below it. Iterative, not recursive: a hostile page can nest elements deeper than
 * the call stack.
 */
export function inheritedVerdict(el: Element, judge: (e: Element) => boolean, cache: Map<Element, boolean>, stopAt: Element | null = null): boolean {
  const pending: Element[] = [];
  let inherited = false;
  for (let e: Element | null = el; e && e !== stopAt; e = e.parentElement) {
    const known = cache.get(e);
    if (known !== undefined) {
      inherited = known;
      break;
    }
    pending.push(e);
  }
  for (let i = pending.length - 1; i >= 0; i--) {
    const e = pending[i]!;
    inherited = inherited || judge(e);
    cache.set(e, inherited);
  }
  return cache.get(el) ?? inherited;
}
