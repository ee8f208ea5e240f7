// The extension's APIs as the content script uses them, without webextension-polyfill: the polyfill is 10 KB of
// script every page would parse, and the few calls made here need none of it. Firefox gives content scripts a promise-based
// `browser`; Chrome's `chrome` returns promises too (Manifest V3), and differs in two ways the polyfill used to hide,
// both handled here: a message listener answers through `sendResponse` (a returned promise is no answer in Chrome;
// both browsers take `sendResponse`), and a message no listener answered rejects where the polyfill resolved it empty.

// The type of WXT's `browser` (the one every other entrypoint uses), not its code.
type Api = typeof import('wxt/browser').browser;
const scope = globalThis as unknown as { browser?: Api; chrome?: Api };

/** Firefox's `browser`, else Chrome's `chrome` (the choice WXT's own `browser` makes): promise-based in both. */
export const browser: Api = scope.browser?.runtime?.id ? scope.browser : scope.chrome!;

/** What Chrome rejects a message with when the listeners that heard it gave no answer. */
const NO_ANSWER = 'The message port closed before a response was received.';

/** Sends to the extension (the background); resolves undefined, as the polyfill did, when no listener answered. */
export function sendToExtension(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message).catch((error: unknown) => {
    if (error instanceof Error && error.message === NO_ANSWER) return undefined;
    throw error;
  });
}

/** A listener that answers with a promise, or with undefined for messages it leaves to others. */
export type ExtensionListener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;

type ChromeListener = (message: unknown, sender: unknown, sendResponse: (response?: unknown) => void) => boolean;

/** Listens to messages from the extension; returns what stops listening. */
export function onExtensionMessage(listener: ExtensionListener): () => void {
  const onMessage = browser.runtime.onMessage as unknown as {
    addListener(listener: ChromeListener): void;
    removeListener(listener: ChromeListener): void;
  };
  const native: ChromeListener = (message, sender, sendResponse) => {
    const reply = listener(message, sender);
    if (!reply) return false;
    // A failed answer reaches the sender as none at all (it then reports that nothing answered).
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  onMessage.addListener(native);
  return () => onMessage.removeListener(native);
}
