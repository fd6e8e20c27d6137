import { describe, expect, it } from 'vitest';
import { describeAuthFailure, scopeNeeded } from '../../../web/src/api/api-error';

describe('what a 401 or 403 says', () => {
  it.each([
    ['GET', '/v1/experiments', 'read'],
    ['POST', '/v1/experiments', 'admin'],
    ['POST', '/v1/experiments/e1/start', 'admin'],
    ['POST', '/v1/experiments/e1/sends', 'send'],
    ['POST', '/v1/events', 'send'],
    ['PUT', '/v1/customers/c1', 'send'],
    ['DELETE', '/v1/customers/c1', 'admin'],
  ])('%s %s needs "%s"', (method, path, scope) => {
    expect(scopeNeeded(method, path)).toBe(scope);
  });

  it('names the scope the API says is missing on a 403', () => {
    expect(describeAuthFailure(403, 'POST', '/v1/experiments', 'this API key has scopes [read]; this operation needs "admin"')).toBe(
      'Your API key lacks the "admin" scope this needs (this API key has scopes [read]; this operation needs "admin"). Ask an admin for a key with "admin".',
    );
  });

  it('names the scope a call needs on a 401', () => {
    expect(describeAuthFailure(401, 'GET', '/v1/experiments', 'missing API key: send it in the x-api-key header')).toBe(
      'This needs an API key with the "read" scope: missing API key: send it in the x-api-key header. Type a key in "API key" above.',
    );
  });
});
