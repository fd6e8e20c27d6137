/**
 * An email's HTML made quiet to preview inside the app (pure: unit-tested in Node). The frame it
 * goes into loads nothing remote whatever the HTML says (see email-frame.ts); this pass only keeps
 * the browser from trying, which it reports as console errors, and says what was left out:
 *
 * - remote images (`src`/`srcset` other than `data:`) lose their source and are counted: the open
 *   pixel is among them, and loading it would record an open for the customer;
 * - `style` and `background` attributes, `<style>`, `<link>` and `<script>` are removed: the app's
 *   Content-Security-Policy refuses them in its frames anyway, so the rendering is the same.
 *
 * Works on the markup as text (a `DOMParser` in the app's document would itself trip the policy).
 */

/** The preview's HTML and how many images it does not load. */
export interface EmailPreview {
  readonly html: string;
  readonly imagesNotLoaded: number;
}

/** An opening tag, attribute values quoted or not (a `>` inside quotes does not end it). */
const OPENING_TAG = /<([a-zA-Z][^\s>/]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
/** One attribute of a tag. */
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
/** Elements dropped with their content. */
const DROPPED_WITH_CONTENT = /<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Elements dropped alone. */
const DROPPED_TAGS = /<link\b[^>]*>/gi;
/** Attributes the app's policy refuses in frames. */
const STYLE_ATTRIBUTES = new Set(['style', 'background']);
/** Attributes that make an image load. */
const IMAGE_SOURCES = new Set(['src', 'srcset']);

function unquote(value: string | undefined): string {
  if (value === undefined) return '';
  return value.startsWith('"') || value.startsWith("'") ? value.slice(1, -1) : value;
}

/** The previewable HTML of `html`. */
export function emailPreview(html: string): EmailPreview {
  let imagesNotLoaded = 0;
  const stripped = html.replace(DROPPED_WITH_CONTENT, '').replace(DROPPED_TAGS, '');
  const rewritten = stripped.replace(OPENING_TAG, (_tag, name: string, attributes: string, selfClosing: string) => {
    const isImage = name.toLowerCase() === 'img';
    let remote = false;
    const kept = attributes.replace(ATTRIBUTE, (attribute, attributeName: string, value: string | undefined) => {
      const lower = attributeName.toLowerCase();
      if (STYLE_ATTRIBUTES.has(lower)) return '';
      if (isImage && IMAGE_SOURCES.has(lower) && !unquote(value).trim().toLowerCase().startsWith('data:')) {
        remote = true;
        return '';
      }
      return attribute;
    });
    if (remote) imagesNotLoaded += 1;
    return `<${name}${kept}${selfClosing ? ' /' : ''}>`;
  });
  return { html: rewritten, imagesNotLoaded };
}
