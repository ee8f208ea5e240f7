import { render } from 'preact';
import { Popup } from '@/components/Popup';
import './style.css';

// `?tab=<id>` aims the popup at a given tab (tests open it as a page); otherwise it acts on the active tab.
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

// Ask once that the browser never evicts the notes database under storage pressure. It is a window-only
// API (not in the service worker), so the popup asks; Chrome grants it silently to installed extensions.
async function requestPersistentStorage(): Promise<void> {
  const storage = navigator.storage;
  if (!storage?.persist || (await storage.persisted?.())) return;
  await storage.persist();
}

void targetTab().then((tabId) => render(<Popup tabId={tabId} />, document.getElementById('app')!));
void requestPersistentStorage().catch(() => undefined);
