/**
 * Builds the signed links of one message: click tracking (`/t/{token}`), one-click unsubscribe
 * (`/u/{token}`) and the open pixel (`/o/{token}`). The base URL and secret are passed in by the
 * caller (configuration), so this stays pure.
 */
import type { TrackingPayload } from './tracking-payload';
import { signTrackingToken, type TrackingSecret } from './tracking-token';

/** Path prefix of click-tracking links. */
export const CLICK_PATH = '/t/';
/** Path prefix of unsubscribe links (GET shows a confirmation page, POST is RFC 8058 one-click). */
export const UNSUBSCRIBE_PATH = '/u/';
/** Path prefix of open-tracking pixels. */
export const OPEN_PATH = '/o/';

/**
 * Whom a message's links are about. Only the decision (and its experiment) goes into a link: the
 * customer and the channel are read from the stored assignment, never trusted from a link, and a
 * customer id never travels in a URL.
 */
export interface TrackingLinkSubject {
  /** The assignment (decision) the responses are attributed to. */
  readonly assignmentId: string;
  readonly experimentId?: string;
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
    ...(subject.experimentId !== undefined ? { experimentId: subject.experimentId } : {}),
  };
  const link = (path: string, payload: TrackingPayload) => `${origin}${path}${signTrackingToken(payload, secret)}`;
  return {
    trackClick: (url) => link(CLICK_PATH, { ...common, kind: 'click', url }),
    unsubscribeUrl: link(UNSUBSCRIBE_PATH, { ...common, kind: 'unsubscribe' }),
    openPixelUrl: link(OPEN_PATH, { ...common, kind: 'open' }),
  };
}
