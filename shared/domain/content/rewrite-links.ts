/**
 * Rewrites the links of a rendered message into signed click-tracking links. The rewriting
 * function is injected, so this module knows neither base URLs nor secrets.
 */

/** Turns a target URL into a (signed) tracking URL that redirects to it. */
export type TrackClick = (url: string) => string;

/** Options of the link rewriters. */
export interface RewriteLinksOptions {
  /** URLs for which this returns true are left as they are (e.g. the unsubscribe link). */
  readonly keep?: (url: string) => boolean;
}

/** An `<a>` or `<area>` start tag. */
const LINK_TAG = /<(?:a|area)\b[^>]*>/gi;
/** An `href` attribute, double-, single- or un-quoted. */
const HREF_ATTRIBUTE = /(\shref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
/** An absolute http(s) URL. */
const TRACKABLE_URL = /^https?:\/\/\S+$/i;
/** A bare http(s) URL in plain text. */
const TEXT_URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;
/** The character references that may appear in an attribute value we wrote or a marketer typed. */
const CHARACTER_REFERENCE = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|#39));/gi;
/** Named references decoded in attribute values. */
const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeAttribute(value: string): string {
  return value.replace(CHARACTER_REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return String.fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    return NAMED_REFERENCES[(name ?? '').toLowerCase()] ?? whole;
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function shouldTrack(url: string, options: RewriteLinksOptions): boolean {
  return TRACKABLE_URL.test(url) && !(options.keep?.(url) ?? false);
}

/**
 * Rewrites the absolute http(s) `href`s of `<a>` and `<area>` tags in an HTML document.
 * Attribute values are HTML-decoded before tracking and the tracking URL is re-escaped; other
 * links (`mailto:`, `tel:`, anchors, relative paths) and other tags (`<link>`, `<img>`) are left alone.
 */
export function rewriteHtmlLinks(html: string, trackClick: TrackClick, options: RewriteLinksOptions = {}): string {
  return html.replace(LINK_TAG, (tag) =>
    tag.replace(HREF_ATTRIBUTE, (whole, prefix: string, doubleQuoted?: string, singleQuoted?: string, bare?: string) => {
      const url = decodeAttribute(doubleQuoted ?? singleQuoted ?? bare ?? '').trim();
      if (!shouldTrack(url, options)) return whole;
      return `${prefix}"${escapeAttribute(trackClick(url))}"`;
    }),
  );
}

/** Splits sentence punctuation (and an unbalanced closing parenthesis) off the end of a URL found in text. */
function splitTrailing(candidate: string): [url: string, rest: string] {
  let url = candidate;
  let rest = '';
  for (;;) {
    const punctuation = TRAILING_PUNCTUATION.exec(url);
    if (punctuation !== null) {
      rest = punctuation[0] + rest;
      url = url.slice(0, -punctuation[0].length);
      continue;
    }
    if (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
      rest = `)${rest}`;
      url = url.slice(0, -1);
      continue;
    }
    return [url, rest];
  }
}

/** Rewrites the bare absolute http(s) URLs of a plain-text body (email text, SMS). */
export function rewriteTextLinks(text: string, trackClick: TrackClick, options: RewriteLinksOptions = {}): string {
  return text.replace(TEXT_URL, (candidate) => {
    const [url, rest] = splitTrailing(candidate);
    return shouldTrack(url, options) ? `${trackClick(url)}${rest}` : candidate;
  });
}

/** Rewrites a single URL (e.g. an in-app call to action) if it is trackable. */
export function rewriteUrl(url: string, trackClick: TrackClick, options: RewriteLinksOptions = {}): string {
  return shouldTrack(url, options) ? trackClick(url) : url;
}
