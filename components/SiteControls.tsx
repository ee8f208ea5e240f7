// PLACEHOLDER: replaced by its owner.
export function SiteControls(_props: { tabId: number | undefined }) {
  return null;
}
