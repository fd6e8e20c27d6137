/**
 * Per-call options of an AWS SDK v3 `client.send`: the dispatch's abort signal, so a call still
 * running when the time budget runs out is cancelled (the SDK destroys its connection and makes no
 * further retry) instead of being abandoned while it may still reach the provider.
 */
import type { SendContext } from '../../use-cases/ports/channel-sender';

/** The `client.send` options for one provider call of a dispatch. */
export function sdkCallOptions(context: Pick<SendContext, 'signal'>): { readonly abortSignal?: AbortSignal } {
  return context.signal ? { abortSignal: context.signal } : {};
}
