// The oldest browsers Backstory supports, in one place: the Firefox manifest declares it (wxt.config.ts) and the
// browser tests refuse an older Firefox (scripts/ensure-browsers.ts).

/**
 * Firefox 140 is the first with the CSS Custom Highlight API, which every highlight relies on to leave the page's
 * text and elements untouched; older versions would fall back to wrapping text in elements and could not show note
 * highlights at all. 140 is also an ESR line, and the first to read `data_collection_permissions` on desktop.
 */
export const FIREFOX_MIN_VERSION = '140.0';

/** Firefox for Android reads `data_collection_permissions` from 142 on. */
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';
