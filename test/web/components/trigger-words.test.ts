import { describe, expect, it } from 'vitest';
import { codeParts, delayInUnits, exitsShort, triggerSentence, triggerShort, type TriggerLike } from '../../../web/src/components/trigger-words';

describe('a trigger in words', () => {
  it.each<[string, TriggerLike, string, string]>([
    ['days and a local time', { event: 'order_delivered', delay: { minutes: 2880, atLocalTime: '10:00' } }, "2 days after `order_delivered`, at 10:00 the customer's time", 'after order_delivered + 2 d, at 10:00 local'],
    ['one hour', { event: 'cart_abandoned', delay: { minutes: 60 } }, '1 hour after `cart_abandoned`', 'after cart_abandoned + 1 h'],
    ['minutes that are not whole hours', { event: 'cart_abandoned', delay: { minutes: 90 } }, '90 minutes after `cart_abandoned`', 'after cart_abandoned + 90 min'],
    ['no delay', { event: 'signed_up' }, 'Right after `signed_up`', 'after signed_up'],
    ['no delay but a local time, with a fallback zone', { event: 'signed_up', delay: { minutes: 0, atLocalTime: '09:30', timeZone: 'Europe/Paris' } }, "After `signed_up`, at the next 09:30 the customer's time (Europe/Paris when their profile has no time zone)", 'after signed_up, at 09:30 local'],
  ])('%s', (_label, trigger, sentence, short) => {
    expect(triggerSentence(trigger)).toBe(sentence);
    expect(triggerShort(trigger)).toBe(short);
  });

  it.each([
    [2880, { amount: 2, unit: 'days' }],
    [180, { amount: 3, unit: 'hours' }],
    [45, { amount: 45, unit: 'minutes' }],
    [0, { amount: 0, unit: 'minutes' }],
  ])('%i minutes read as %j', (minutes, units) => {
    expect(delayInUnits(minutes)).toEqual(units);
  });

  it('names the exits, and nothing without any', () => {
    expect(exitsShort([{ event: 'order_cancelled' }, { event: 'purchase' }])).toBe('exits on order_cancelled or purchase');
    expect(exitsShort([])).toBe('');
    expect(exitsShort(undefined)).toBe('');
  });

  it('splits a sentence at its backticks, event names as code', () => {
    expect(codeParts('2 days after `order_delivered`, at 10:00')).toEqual([
      { text: '2 days after ', code: false },
      { text: 'order_delivered', code: true },
      { text: ', at 10:00', code: false },
    ]);
  });
});
