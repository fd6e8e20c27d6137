import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import { toHttpRequest } from '../../../../shared/runtime/http/api-gateway-adapter';
import { parseQuery } from '../../../../shared/runtime/http/request-body';
import { httpApiEvent, type HttpApiFixture } from '../../../support/aws-events';

describe('toHttpRequest over the documented payload 2.0 events', () => {
  it.each<{ fixture: HttpApiFixture; path: string }>([
    { fixture: 'jwt-authorizer-get', path: '/v1/experiments' },
    { fixture: 'lambda-authorizer-post', path: '/v1/events' },
    { fixture: 'iam-authorizer-get', path: '/v1/openapi.json' },
    { fixture: 'named-stage-get', path: '/v1/experiments' },
    { fixture: 'tracking-click', path: '/t/TOKEN' },
  ])('$fixture: method, route path without stage, lower-cased headers, text body', ({ fixture, path }) => {
    const event = httpApiEvent(fixture);
    const request = toHttpRequest(event);
    expect(request.method).toBe(event.requestContext.http.method);
    expect(request.path).toBe(path);
    expect(Object.keys(request.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(request.headers['user-agent']).toBeDefined();
    expect(request.rawBody).toBe(event.body ?? '');
    expect(request.sourceIp).toBe('192.0.2.1');
  });

  it('reads the query from rawQueryString: every value of a repeated key, never the comma-joined copy', () => {
    const request = toHttpRequest(httpApiEvent('jwt-authorizer-get'));
    expect(request.query).toEqual({ status: ['running', 'draft'], limit: ['10'] });
  });

  it.each([
    { name: 'an encoded comma', rawQueryString: 'cursor=a%2Cb', expected: { cursor: ['a,b'] } },
    { name: 'a literal comma', rawQueryString: 'stage=a,b', expected: { stage: ['a,b'] } },
    { name: 'a plus for a space', rawQueryString: 'segment=new+customers', expected: { segment: ['new customers'] } },
    { name: 'a key without a value', rawQueryString: 'includeRead', expected: { includeRead: [''] } },
    { name: 'no query string', rawQueryString: '', expected: {} },
  ])('keeps $name intact', ({ rawQueryString, expected }) => {
    expect(toHttpRequest(httpApiEvent('jwt-authorizer-get', { rawQueryString })).query).toEqual(expected);
  });

  it('gives the cookies API Gateway moved out of the headers back as one cookie header', () => {
    expect(toHttpRequest(httpApiEvent('jwt-authorizer-get')).headers.cookie).toBe('session=abc123; theme=dark');
  });

  it('strips a named stage only where API Gateway added it (execute-api endpoint), not on a custom domain', () => {
    const onEndpoint = httpApiEvent('named-stage-get', { path: '/prod/items' });
    expect(toHttpRequest(onEndpoint).path).toBe('/prod/items');
    const onCustomDomain = httpApiEvent('named-stage-get');
    const custom = { ...onCustomDomain, rawPath: '/v1/experiments', requestContext: { ...onCustomDomain.requestContext, domainName: 'lab.example.com', domainPrefix: 'lab' } };
    expect(toHttpRequest(custom).path).toBe('/v1/experiments');
    const bare = { ...onCustomDomain, rawPath: '/prod' };
    expect(toHttpRequest(bare).path).toBe('/');
  });
});

describe('parseQuery', () => {
  const Schema = z.strictObject({ status: z.enum(['running', 'draft']).optional(), limit: z.coerce.number().optional() });

  it('refuses a repeated key with a 400 that names it', () => {
    const request = { ...toHttpRequest(httpApiEvent('jwt-authorizer-get')), params: {} };
    expect(() => parseQuery(request, Schema)).toThrow(ValidationError);
    expect(() => parseQuery(request, Schema)).toThrow(/status is given 2 times/);
  });

  it('parses single values', () => {
    const request = { ...toHttpRequest(httpApiEvent('jwt-authorizer-get', { rawQueryString: 'status=draft&limit=3' })), params: {} };
    expect(parseQuery(request, Schema)).toEqual({ status: 'draft', limit: 3 });
  });
});
