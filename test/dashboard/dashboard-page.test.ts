import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUNDLE_MODULE_PATH, bundleDashboardScript, bundleModuleText } from '../../dashboard/build';
import { DASHBOARD_JS } from '../../dashboard/dist/dashboard-bundle';
import { chartGeometry } from '../../dashboard/src/chart-geometry';
import { maxAgeSeconds, percent, pollSeconds, rateWithInterval, ratePoints, signedPoints } from '../../dashboard/src/format';
import { dashboardRoute } from '../../functions/api/routes/dashboard-route';
import { requiredScope } from '../../shared/runtime/http/router';

const run = promisify(execFile);

describe('dashboard bundle', () => {
  it('is up to date: dashboard/dist/dashboard-bundle.ts equals a fresh esbuild bundle of dashboard/src (npm run build:dashboard)', async () => {
    const committed = await readFile(BUNDLE_MODULE_PATH, 'utf8');
    expect(committed).toBe(bundleModuleText(await bundleDashboardScript()));
  });

  it('type-checks dashboard/src against the DOM library', async () => {
    await expect(run('node_modules/.bin/tsc', ['--noEmit', '-p', 'dashboard/tsconfig.json'])).resolves.toBeDefined();
  }, 60_000);
});

describe('GET /dashboard', () => {
  const route = dashboardRoute();

  it('is public (no key: the page holds no data) and answers the HTML page with the script inline', async () => {
    expect(requiredScope(route)).toBe('public');
    const answer = await route.handler({ method: 'GET', path: '/dashboard', params: {}, query: {}, headers: {}, rawBody: '' }, { body: undefined, json: undefined, query: {} });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers?.['cache-control']).toBe('no-cache');
    const html = answer.body as string;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<script>${DASHBOARD_JS}</script>`);
  });

  it('has a strict CSP: the inline script and style by their SHA-256, connect-src self, nothing else', async () => {
    const answer = await route.handler({ method: 'GET', path: '/dashboard', params: {}, query: {}, headers: {}, rawBody: '' }, { body: undefined, json: undefined, query: {} });
    const csp = answer.headers?.['content-security-policy'] ?? '';
    const html = answer.body as string;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('dashboard formatting', () => {
  it('shows rates as percentages with the credible interval', () => {
    expect(rateWithInterval(0.1234, [0.101, 0.146])).toBe('12.3 % (10.1–14.6)');
    expect(rateWithInterval(0, null)).toBe('0.0 % (no interval yet)');
    expect(percent(0.975)).toBe('97.5 %');
    expect(percent(null)).toBe('—');
    expect(ratePoints(0.00102)).toBe('0.10 pts');
    expect(signedPoints(-0.2884)).toBe('−28.8 pts');
  });

  it('polls at the max-age of Cache-Control, never under 5 s, unless ?poll= says otherwise', () => {
    expect(maxAgeSeconds('private, max-age=180')).toBe(180);
    expect(pollSeconds(null, 'private, max-age=180')).toBe(180);
    expect(pollSeconds(null, 'private, max-age=2')).toBe(5);
    expect(pollSeconds(null, null)).toBe(30);
    expect(pollSeconds('1', 'private, max-age=180')).toBe(1);
    expect(pollSeconds('nonsense', 'private, max-age=12')).toBe(12);
  });

  it('draws one line per channel over the history, labels never overlapping', () => {
    const history = [
      { at: '2026-03-02T13:10:00.000Z', segment: 's', weights: { sms: 0.5, email: 0.5 }, sends: 10, responses: 2 },
      { at: '2026-03-02T14:10:00.000Z', segment: 's', weights: { sms: 0.8, email: 0.2 }, sends: 20, responses: 5 },
    ];
    const geometry = chartGeometry(history, ['sms', 'email']);
    expect(geometry.lines.map((line) => line.channel)).toEqual(['sms', 'email']);
    expect(geometry.lines.every((line) => line.points.length === 2 && line.d.startsWith('M'))).toBe(true);
    const [sms, email] = geometry.lines;
    expect(sms!.points[1]!.y).toBeLessThan(email!.points[1]!.y);
    const equal = chartGeometry([history[0]!], ['sms', 'email']);
    expect(Math.abs(equal.lines[0]!.labelY - equal.lines[1]!.labelY)).toBeGreaterThanOrEqual(15);
  });
});
