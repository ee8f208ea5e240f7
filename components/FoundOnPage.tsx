// PLACEHOLDER: replaced by its owner.
export function FoundOnPage(_props: { tabId: number | undefined }) {
  return null;
}
