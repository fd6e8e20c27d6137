import { describe, expect, it } from 'vitest';
import { ago, channelName, rateWithInterval, shortPercent, stageName, surePercent } from '../../../web/src/charts/format';

describe('formatting for people', () => {
  it.each([
    [0.16, '16 %'],
    [0.042, '4.2 %'],
    [0.04, '4 %'],
    [0.003, '0.3 %'],
    [0.0996, '10 %'],
  ])('shortPercent(%s) = %s', (value, text) => expect(shortPercent(value)).toBe(text));

  it.each([
    [0.974, '97 %'],
    [0.9999, '99 %'],
    [1, '99 %'],
    [0.5, '50 %'],
    [0, '0 %'],
  ])('surePercent(%s) = %s: rounded down, never 100 %', (value, text) => expect(surePercent(value)).toBe(text));

  it.each([
    [0, 'just now'],
    [42_000, '42 s ago'],
    [5 * 60_000 + 10_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [3 * 86_400_000, '3 days ago'],
  ])('ago(%s ms) = %s', (elapsed, text) => expect(ago(1_000_000_000_000 - elapsed, 1_000_000_000_000)).toBe(text));

  it('names channels and stages', () => {
    expect(['email', 'sms', 'push', 'in_app', 'webhook', 'fax'].map(channelName)).toEqual(['Email', 'SMS', 'Push', 'In-app', 'Webhook', 'fax']);
    expect(stageName('post_purchase')).toBe('Post-purchase');
    expect(rateWithInterval(0.123, [0.101, 0.146])).toBe('12.3 % (10.1–14.6)');
    expect(rateWithInterval(0, null)).toBe('0.0 % (no interval yet)');
  });
});
