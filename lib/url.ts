// One key per page for notes: the same article reached from a newsletter, a social post or a bookmark
// must find the same notes. We drop what only tracks the reader or scrolls within the page, and keep
// every other query parameter (it may select the article: ?id=123, ?p=2).

/** Exact parameter names (lower-case) that only identify the visitor, the campaign or the click. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', 'mkt_tok', '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking',
  'oly_anon_id', 'oly_enc_id', 'rb_clickid', 's_cid', 'vero_id', 'vero_conv', 'wickedid', '_openstat',
  'ncid', 'cmpid', 'ocid', 'sr_share', 'at_medium', 'at_campaign', 'ito', 'smid', 'spm', 'share_source',
]);
/** Parameter-name prefixes of tracking families (utm_source, utm_medium, ..., pk_campaign, ...). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'ga_', '_ga', 'hmb_', 'stm_'];

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * The page's key for notes: no fragment, no tracking parameters, the remaining parameters sorted (stable for
 * equal names), lower-case host, default port dropped. Non-http(s) URLs and unparsable strings come back
 * without their fragment only, so a note is never keyed on nothing.
 */
export function normalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return input.trim().replace(/#.*$/s, '');
  }
  url.hash = '';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return url.href;
  // URL already lower-cases the host and drops the scheme's default port; this keeps the rule explicit.
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.port && DEFAULT_PORTS[url.protocol] === url.port) url.port = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  // Sort by name only: Array.prototype.sort is stable, so repeated names keep their relative order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return url.href;
}

/**
 * The address as a link target, only for web pages (http, https); undefined otherwise. A stored or imported
 * address is data: a `javascript:` or `data:` one must never become clickable.
 */
export function webHref(url: string): string | undefined {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The site an address belongs to, as readers name it: the host name, lower-cased, without a leading
 * "www." or a trailing dot (www.example.com and example.com are one site). Takes a URL or a bare host
 * name; '' when there is no host (a file, a malformed address).
 */
export function siteOf(urlOrHost: string): string {
  let host = urlOrHost.trim().toLowerCase();
  if (host.includes('/')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return '';
    }
  }
  return host.replace(/^www\./, '').replace(/\.$/, '');
}
