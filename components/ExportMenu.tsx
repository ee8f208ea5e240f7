// PLACEHOLDER: replaced by its owner.
export function ExportMenu(_props: { tabId: number | undefined }) {
  return null;
}
