/**
 * What a customer receives, rendered by the domain's own renderer (the one the dispatcher uses)
 * with the sample variables, a sample customer and preview links (links keep their target here;
 * when sent they become signed tracking links).
 */
import { ChannelLabError } from '../../../../shared/domain/errors/channel-lab-error';
import type { ChannelContent } from '../../../../shared/domain/experiment/channels';
import { type RenderedMessage, renderMessage } from '../../../../shared/domain/content/render-message';

/** The sample customer of the previews. */
export const PREVIEW_CUSTOMER = {
  customerId: 'c-preview',
  contact: { email: 'ana@example.com', phone: '+15555550100', pushEndpointArn: 'arn:aws:sns:preview' },
} as const;

/** The unsubscribe link the previews show. */
export const PREVIEW_UNSUBSCRIBE_URL = 'https://example.com/unsubscribe-preview';

/** A preview: the rendered message, or why it cannot be rendered yet. */
export type Preview = { readonly ok: true; readonly message: RenderedMessage } | { readonly ok: false; readonly problem: string };

/** Renders `content` for the sample customer with `samples` as variable values. */
export function previewOf(content: ChannelContent, samples: Readonly<Record<string, string>>): Preview {
  try {
    const message = renderMessage(content, {
      variables: samples,
      customerId: PREVIEW_CUSTOMER.customerId,
      contact: PREVIEW_CUSTOMER.contact,
      links: { trackClick: (url) => url, unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL },
    });
    return { ok: true, message };
  } catch (error) {
    if (error instanceof ChannelLabError) {
      const details = (error.details ?? []).map((detail) => detail.message).join('; ');
      return { ok: false, problem: details === '' ? error.message : `${error.message} (${details})` };
    }
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
