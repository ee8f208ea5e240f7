// The first-run page (entrypoints/welcome): opened once, when Backstory is installed. Not on updates or browser
// updates, where the reader already knows it; the popup links to the same page for later.
type InstallDetails = { reason: string };

export const FIRST_RUN_PATH = '/welcome.html';

export function opensFirstRun(details: InstallDetails): boolean {
  return details.reason === 'install';
}

export function startFirstRun(): void {
  browser.runtime.onInstalled.addListener(async (details: InstallDetails) => {
    if (!opensFirstRun(details)) return;
    await browser.tabs.create({ url: browser.runtime.getURL(FIRST_RUN_PATH) });
  });
}
