// PLACEHOLDER: replaced by its owner.
export function NotesPanel(_props: { tabId: number | undefined }) {
  return null;
}
