import { render } from 'preact';
import { Popup } from '@/components/Popup';

// `?tab=<id>` aims the popup at a given tab (tests open it as a page); otherwise it acts on the active tab.
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

void targetTab().then((tabId) => render(<Popup tabId={tabId} />, document.getElementById('app')!));
