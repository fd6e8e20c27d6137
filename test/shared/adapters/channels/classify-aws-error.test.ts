import { describe, expect, it } from 'vitest';
import { type AwsErrorRules, classifyAwsError } from '../../../../shared/adapters/channels/classify-aws-error';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../../shared/domain/errors/delivery-errors';

const RULES: AwsErrorRules = { permanent: new Set(['Rejected']), transient: new Set(['Busy']) };

/** An SDK-shaped error. */
const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('classifyAwsError', () => {
  it.each([
    { name: 'service rule: permanent', error: sdkError('Rejected', { $metadata: { httpStatusCode: 500 } }), expected: PermanentDeliveryError },
    { name: 'service rule: transient', error: sdkError('Busy', { $metadata: { httpStatusCode: 400 } }), expected: TransientDeliveryError },
    { name: 'generic throttling name', error: sdkError('ThrottlingException', { $metadata: { httpStatusCode: 400 } }), expected: TransientDeliveryError },
    { name: 'expired credentials are retried (configuration)', error: sdkError('ExpiredTokenException', { $fault: 'client' }), expected: TransientDeliveryError },
    { name: 'SDK marks retryable', error: sdkError('Whatever', { $retryable: { throttling: true }, $fault: 'client' }), expected: TransientDeliveryError },
    { name: 'HTTP 503', error: sdkError('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } }), expected: TransientDeliveryError },
    { name: 'HTTP 429', error: sdkError('Unknown', { $metadata: { httpStatusCode: 429 } }), expected: TransientDeliveryError },
    { name: 'server fault', error: sdkError('Unknown', { $fault: 'server' }), expected: TransientDeliveryError },
    { name: 'unknown client fault', error: sdkError('ValidationException', { $fault: 'client', $metadata: { httpStatusCode: 400 } }), expected: PermanentDeliveryError },
    { name: 'connection reset', error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), expected: TransientDeliveryError },
    { name: 'timeout', error: sdkError('TimeoutError'), expected: TransientDeliveryError },
    { name: 'not even an Error', error: 'boom', expected: TransientDeliveryError },
  ])('$name', ({ error, expected }) => {
    const classified = classifyAwsError(error, RULES, 'Test op');
    expect(classified).toBeInstanceOf(expected);
    expect(classified.message).toMatch(/^Test op failed: /);
  });

  it('passes delivery errors through unchanged', () => {
    const original = new PermanentDeliveryError('already classified');
    expect(classifyAwsError(original, RULES, 'Test op')).toBe(original);
  });
});
