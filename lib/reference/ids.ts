// The id of a reference item across sets: the bundled set's items keep their own ids ("person:bashar-al-assad",
// which notes saved before there were sets hold), a reader's set's are qualified by the set
// ("set-…/person:jane-doe", its documents "set-…/d0001"). lib/sets/combine.ts makes them; the card and the notes read
// them back to name the set.
export const BUNDLED_SET_ID = 'bundled';

/** "set-abc/person:jane-doe" for a reader's set; the bundled set's ids stay as they are. */
export function qualifiedId(setId: string, localId: string): string {
  return setId === BUNDLED_SET_ID ? localId : `${setId}/${localId}`;
}

/** The set and the set's own id of a reference id (qualifiedId read back). */
export function splitReferenceId(id: string): { setId: string; localId: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { setId: BUNDLED_SET_ID, localId: id } : { setId: id.slice(0, slash), localId: id.slice(slash + 1) };
}
