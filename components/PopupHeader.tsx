// The popup's header: Backstory's icon and name, and the way back to the first-run page (what the highlights mean,
// the keys, what the reference covers) for a reader who closed it.
export interface PopupHeaderProps {
  iconUrl: string;
  guideUrl: string;
}

export function PopupHeader({ iconUrl, guideUrl }: PopupHeaderProps) {
  return (
    <header class="bs-popup-header">
      <img src={iconUrl} alt="" width={20} height={20} />
      <h1>Backstory</h1>
      <a href={guideUrl} target="_blank" rel="noopener">
        How it works
      </a>
    </header>
  );
}
