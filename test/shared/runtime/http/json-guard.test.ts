import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import { assertSafeJson, MAX_ITEMIZED_BODY_DEPTH, MAX_JSON_DEPTH } from '../../../../shared/runtime/http/json-guard';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('assertSafeJson', () => {
  it.each([
    { name: `${MAX_JSON_DEPTH} levels`, value: nested(MAX_JSON_DEPTH), ok: true },
    { name: `${MAX_JSON_DEPTH + 1} levels`, value: nested(MAX_JSON_DEPTH + 1), ok: false },
    { name: '100,000 levels (no stack overflow)', value: nested(100_000), ok: false },
    { name: 'a __proto__ key deep inside', value: JSON.parse('{"a":[{"__proto__":{"x":1}}]}'), ok: false },
    { name: 'constructor and prototype as plain keys', value: { constructor: 'x', prototype: 'y' }, ok: true },
    { name: 'scalars', value: 'text', ok: true },
  ])('$name → ok: $ok', ({ value, ok }) => {
    if (ok) expect(() => assertSafeJson(value)).not.toThrow();
    else expect(() => assertSafeJson(value)).toThrow(ValidationError);
  });

  // Batch bodies: an item nested past DynamoDB's 32 levels is its use case's to reject alone; only absurd nesting fails the body.
  it.each([
    { name: `${MAX_JSON_DEPTH + 1} levels`, value: nested(MAX_JSON_DEPTH + 1), ok: true },
    { name: `${MAX_ITEMIZED_BODY_DEPTH} levels`, value: nested(MAX_ITEMIZED_BODY_DEPTH), ok: true },
    { name: `${MAX_ITEMIZED_BODY_DEPTH + 1} levels`, value: nested(MAX_ITEMIZED_BODY_DEPTH + 1), ok: false },
    { name: '100,000 levels', value: nested(100_000), ok: false },
  ])('a batch body of $name → ok: $ok', ({ value, ok }) => {
    if (ok) expect(() => assertSafeJson(value, MAX_ITEMIZED_BODY_DEPTH)).not.toThrow();
    else expect(() => assertSafeJson(value, MAX_ITEMIZED_BODY_DEPTH)).toThrow(ValidationError);
  });

  it('names where the problem is', () => {
    expect(() => assertSafeJson(JSON.parse('{"attributes":{"x":[{"__proto__":1}]}}'))).toThrow('attributes.x[0].__proto__');
  });
});
