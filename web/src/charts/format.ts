/** Pure formatting helpers of the results, journey and outbox views (no DOM: unit-tested in Node). */

/** A rate (0–1) as a percentage with one decimal: `12.3 %`; `—` when absent. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/**
 * A rate for a sentence: whole percent from 10 % up (`16 %`), one decimal below (`4.2 %`, `0.3 %`),
 * so a small rate never reads as `0 %`.
 */
export function shortPercent(value: number): string {
  const points = value * 100;
  if (points >= 10) return `${Math.round(points)} %`;
  return `${points.toFixed(1).replace(/\.0$/, '')} %`;
}

/**
 * A probability as "how sure", rounded down so that we never claim more than we know: 0.974 →
 * `97 %`, 0.9999 → `99 %` (never `100 %`).
 */
export function surePercent(probability: number): string {
  const floored = Math.floor(Math.min(probability, 0.999) * 100);
  return `${Math.max(0, floored)} %`;
}

/**
 * A probability for a table: whole percent rounded down and never `100 %` (0.9996 → `99 %`), and
 * `< 1 %` for a small non-zero one, so neither end claims a certainty the posterior does not have.
 */
export function probability(value: number): string {
  if (value > 0 && value < 0.01) return '< 1 %';
  return surePercent(value);
}

/** A rate with its 95 % credible interval: `12.3 % (10.1–14.6)`; without an interval, says so. */
export function rateWithInterval(rate: number, ci95: readonly [number, number] | null): string {
  if (!ci95) return `${percent(rate)} (no interval yet)`;
  return `${percent(rate)} (${(ci95[0] * 100).toFixed(1)}–${(ci95[1] * 100).toFixed(1)})`;
}

/** An expected loss (in rate units) as percentage points: `0.10 pts`, `< 0.01 pts`. */
export function ratePoints(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const points = value * 100;
  return `${points < 0.01 && points > 0 ? '< 0.01' : points.toFixed(2)} pts`;
}

/** A signed difference in percentage points: `+4.2 pts`, `−28.8 pts`. */
export function signedPoints(value: number): string {
  const points = value * 100;
  return `${points < 0 ? '−' : '+'}${Math.abs(points).toFixed(1)} pts`;
}

/** A signed relative change: `+78.6 %`, `−50.5 %`. */
export function signedPercent(value: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value * 100).toFixed(1)} %`;
}

/** An integer with thousands separators: `12,345`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `1 send`, `3 sends`. */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : pluralForm}`;
}

/** An ISO instant as a short UTC time: `2026-03-02 13:10 UTC`; `—` when absent. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long ago `thenMs` was at `nowMs`, in words: `just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function ago(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** How a channel is named in sentences. */
const CHANNEL_NAMES: Readonly<Record<string, string>> = { email: 'Email', sms: 'SMS', push: 'Push', in_app: 'In-app', webhook: 'Webhook' };

/** A channel's display name: `SMS`, `In-app`; unknown names are shown as they are. */
export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}

/** How a journey stage is named: `post_purchase` → `Post-purchase`. */
export function stageName(stage: string): string {
  const words = stage.replace(/_/g, '-');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
