/**
 * Key rings of rotated secrets: the current key signs; the previous one is still accepted until a
 * stated instant, so links (and webhook receivers) already using it keep working through a rotation.
 * Pure: the instant is passed in.
 */
import type { TrackingSecret } from './tracking-token';

/** Days a previous link-signing key is still accepted after a rotation (the longest attribution window). */
export const LINK_KEY_GRACE_DAYS = 90;
/** Days a previous webhook-signing key still signs alongside the new one (receivers switch meanwhile). */
export const WEBHOOK_KEY_GRACE_DAYS = 7;

/** A key and, after a rotation, the one it replaced. */
export interface KeyRing {
  /** The key that signs (and verifies). */
  readonly current: TrackingSecret;
  /** The replaced key, accepted until `acceptedUntil` (ISO instant). */
  readonly previous?: { readonly secret: TrackingSecret; readonly acceptedUntil: string };
}

/** The keys valid at `now`: the current one, and the previous one inside its grace period. */
export function acceptedKeys(ring: KeyRing, now: Date): TrackingSecret[] {
  const previous = ring.previous && Date.parse(ring.previous.acceptedUntil) > now.getTime() ? [ring.previous.secret] : [];
  return [ring.current, ...previous];
}

/** The end of the grace period of a key replaced by one created at `replacedAt`. */
export function graceEnd(replacedAt: Date, graceDays: number): string {
  const MS_PER_DAY = 86_400_000;
  return new Date(replacedAt.getTime() + graceDays * MS_PER_DAY).toISOString();
}
