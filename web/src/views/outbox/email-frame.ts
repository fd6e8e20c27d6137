/**
 * The document of the frame an email's HTML is shown in (pure: unit-tested in Node). The frame is
 * `sandbox=""` (no script, no form, an opaque origin); this document adds a Content-Security-Policy
 * that loads nothing from the network, so the open pixel and remote images are not fetched (an
 * open would be recorded for the customer). The frame also inherits the app's own policy.
 */

/** The policy of the email frame: nothing remote, `data:` images only. */
export const EMAIL_FRAME_POLICY = "default-src 'none'; img-src data:";

/** The frame's `srcdoc` for `html`. */
export function emailFrameDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${EMAIL_FRAME_POLICY}"></head><body>${html}</body></html>`;
}
