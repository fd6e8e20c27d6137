/**
 * Builds the signed links of one message: click tracking (`/t/{token}`), one-click unsubscribe
 * (`/u/{token}`) and the open pixel (`/o/{token}`). The base URL and secret are passed in by the
 * caller (configuration), so this stays pure.
 */
import type { Channel } from '../experiment/channels';
import type { TrackingPayload } from './tracking-payload';
import { signTrackingToken, type TrackingSecret } from './tracking-token';

/** Path prefix of click-tracking links. */
export const CLICK_PATH = '/t/';
/** Path prefix of unsubscribe links (GET shows a confirmation page, POST is RFC 8058 one-click). */
export const UNSUBSCRIBE_PATH = '/u/';
/** Path prefix of open-tracking pixels. */
export const OPEN_PATH = '/o/';

/** Whom a message's links are about. */
export interface TrackingLinkSubject {
  /** The assignment (decision) the responses are attributed to. */
  readonly assignmentId: string;
  /** The customer, so an unsubscribe needs no lookup. */
  readonly customerId?: string;
  /** The experiment. */
  readonly experimentId?: string;
  /** The channel that carried the message (an unsubscribe opts out of this channel). */
  readonly channel?: Channel;
}

/** The signed links of one message. */
export interface TrackingLinks {
  /** Wraps a target URL into a signed click-tracking link. */
  readonly trackClick: (url: string) => string;
  /** The signed one-click unsubscribe link. */
  readonly unsubscribeUrl: string;
  /** The signed open-tracking pixel URL. */
  readonly openPixelUrl: string;
}

/**
 * Creates the signed links of one message.
 * @param baseUrl - public HTTPS origin of the tracking endpoints, e.g. `https://t.example.com` (a trailing slash is ignored).
 */
export function createTrackingLinks(baseUrl: string, secret: TrackingSecret, subject: TrackingLinkSubject): TrackingLinks {
  const origin = baseUrl.replace(/\/+$/, '');
  const common: Omit<TrackingPayload, 'kind'> = {
    v: 1,
    assignmentId: subject.assignmentId,
    ...(subject.customerId !== undefined ? { customerId: subject.customerId } : {}),
    ...(subject.experimentId !== undefined ? { experimentId: subject.experimentId } : {}),
    ...(subject.channel !== undefined ? { channel: subject.channel } : {}),
  };
  const link = (path: string, payload: TrackingPayload) => `${origin}${path}${signTrackingToken(payload, secret)}`;
  return {
    trackClick: (url) => link(CLICK_PATH, { ...common, kind: 'click', url }),
    unsubscribeUrl: link(UNSUBSCRIBE_PATH, { ...common, kind: 'unsubscribe' }),
    openPixelUrl: link(OPEN_PATH, { ...common, kind: 'open' }),
  };
}
