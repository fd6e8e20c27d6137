/**
 * The local platform's web app handler: index at `/`, hashed assets cached for a year, security
 * headers on every file, nothing outside the build folder, 503 naming the fix when unbuilt.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { webAppHandler } from '../../local/web-app';
import { ASSET_CACHE_CONTROL, ENTRY_CACHE_CONTROL, WEB_CONTENT_SECURITY_POLICY } from '../../web/hosting';

let dist: string;

function get(path: string, method = 'GET'): APIGatewayProxyEventV2 {
  return { rawPath: path, requestContext: { http: { method } } } as unknown as APIGatewayProxyEventV2;
}

async function serve(folder: string, path: string, method = 'GET') {
  const answer = await webAppHandler(folder)(get(path, method), {} as Context);
  return { ...answer, text: answer.isBase64Encoded ? Buffer.from(answer.body ?? '', 'base64').toString('utf8') : (answer.body ?? '') };
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'web-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
});

describe('webAppHandler', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', ENTRY_CACHE_CONTROL, '<!doctype html><title>app</title>'],
    ['/index.html', 'text/html; charset=utf-8', ENTRY_CACHE_CONTROL, '<!doctype html><title>app</title>'],
    ['/assets/index-abc.js', 'text/javascript; charset=utf-8', ASSET_CACHE_CONTROL, 'console.log(1)'],
  ])('serves %s as %s with cache-control %s and the CSP', async (path, type, cache, body) => {
    const answer = await serve(dist, path);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-type': type, 'cache-control': cache, 'content-security-policy': WEB_CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' });
    expect(answer.text).toBe(body);
  });

  it.each(['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/missing.js'])('answers 404 to %s (nothing outside the build)', async (path) => {
    expect((await serve(dist, path)).statusCode).toBe(404);
  });

  it('refuses other methods than GET and HEAD', async () => {
    expect((await serve(dist, '/', 'POST')).statusCode).toBe(405);
  });

  it('answers 503 naming the build command when the app is not built', async () => {
    const answer = await serve(join(dist, 'nothing-here'), '/');
    expect(answer.statusCode).toBe(503);
    expect(answer.text).toContain('npm run build:web');
  });
});
