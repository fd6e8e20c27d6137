/**
 * Values of template variables are data, never code or headers: a value that would put a
 * `javascript:` (or any non-web) URL into a link, or a control character into a one-line field
 * (email subject, titles: header injection), is refused before anything is decided or sent.
 */
import type { ErrorDetail } from '../errors/channel-lab-error';
import type { ChannelContent } from '../experiment/channels';
import { hasControlCharacter } from '../text/control-characters';
import { renderTemplate, templateVariables } from './template';

/** URL schemes a link may use; anything else (`javascript:`, `data:`, `vbscript:`, `file:`…) is refused. */
export const SAFE_LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

/** An `<a>` or `<area>` start tag. */
const LINK_TAG = /<(?:a|area)\b[^>]*>/gi;
/** An `href` attribute, double-, single- or un-quoted. */
const HREF_ATTRIBUTE = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
/** A URL scheme at the start of a URL. */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** What browsers ignore inside a scheme (ASCII whitespace and control characters). */
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g;
/** The character references a browser decodes in an attribute. */
const CHARACTER_REFERENCE = /&(?:#(\d+)|#x([0-9a-f]+)|(tab|newline|colon));?/gi;
/** Named references relevant to a scheme. */
const NAMED: Readonly<Record<string, string>> = { tab: '\t', newline: '\n', colon: ':' };

function decodeReferences(value: string): string {
  return value.replace(CHARACTER_REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return String.fromCodePoint(Number.parseInt(decimal, 10) % 0x110000);
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000);
    return NAMED[(name ?? '').toLowerCase()] ?? whole;
  });
}

/** True when a link target, as a browser would read it, uses a scheme outside {@link SAFE_LINK_SCHEMES}. */
export function isUnsafeLink(url: string): boolean {
  const scheme = SCHEME.exec(decodeReferences(url).replace(IGNORED_IN_SCHEME, ''));
  return scheme !== null && !SAFE_LINK_SCHEMES.includes((scheme[1] ?? '').toLowerCase());
}

/** The link templates of a content: every `href` of its HTML, and the in-app call to action. */
function linkTemplates(content: ChannelContent): string[] {
  if (content.channel === 'in_app') return content.callToAction ? [content.callToAction.url] : [];
  if (content.channel !== 'email' || content.html === undefined) return [];
  return [...content.html.matchAll(LINK_TAG)].flatMap((tag) => {
    const href = HREF_ATTRIBUTE.exec(tag[0]);
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    return value === undefined ? [] : [value];
  });
}

/** The one-line templates of a content (a control character there would split a header). */
function oneLineTemplates(content: ChannelContent): string[] {
  switch (content.channel) {
    case 'email':
      return [content.subject];
    case 'push':
    case 'in_app':
      return [content.title];
    default:
      return [];
  }
}

/**
 * The variables whose values make a content unsafe: a link that would leave the web schemes, or a
 * control character in a one-line field. Variables without a value are ignored (reported elsewhere).
 */
export function unsafeVariables(contents: readonly ChannelContent[], values: Readonly<Record<string, string>>): ErrorDetail[] {
  const problems = new Map<string, string>();
  const has = (name: string) => Object.hasOwn(values, name);
  for (const content of contents) {
    for (const template of oneLineTemplates(content)) {
      for (const name of templateVariables(template)) {
        if (has(name) && hasControlCharacter(values[name] ?? '')) problems.set(name, `used in a one-line field (${content.channel} ${content.channel === 'email' ? 'subject' : 'title'}): must not contain control characters (CR, LF, NUL…)`);
      }
    }
    for (const template of linkTemplates(content)) {
      const names = templateVariables(template);
      if (names.length === 0 || !names.every(has)) continue;
      if (isUnsafeLink(renderTemplate(template, values))) {
        for (const name of names) problems.set(name, `makes a link that is not ${SAFE_LINK_SCHEMES.join(', ')}: refused (a link must never run code)`);
      }
    }
  }
  return [...problems].map(([name, message]) => ({ path: `variables.${name}`, message }));
}
