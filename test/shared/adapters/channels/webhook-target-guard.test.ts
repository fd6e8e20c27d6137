import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../../../shared/adapters/channels/webhook-sender';
import { forbiddenAddressReason, guardedFetch, webhookTargetProblem } from '../../../../shared/adapters/channels/webhook-target-guard';
import { PermanentDeliveryError } from '../../../../shared/domain/errors/delivery-errors';

/**
 * Issue 10, "SSRF through the webhook channel". Only loopback is ever contacted here, and loopback
 * is exactly what must be refused; the cases that need a real receiver allow 127.0.0.1 explicitly.
 */
const CONTEXT = { assignmentId: 'asg-ssrf', idempotencyKey: 'asg-ssrf', experimentId: 'exp-ssrf' };
let server: Server;
let port: number;
let received: IncomingHttpHeaders[] = [];
let answer: { status: number; headers?: Record<string, string> } = { status: 200 };

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(request.headers);
    request.resume();
    response.writeHead(answer.status, answer.headers ?? {}).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received = [];
  answer = { status: 200 };
});

const send = (url: string, targets = {}) =>
  new WebhookSender({ secret: 'whsec-ssrf-0123456789abcdef', targets, maxAttempts: 1, sleep: async () => undefined }).send({ channel: 'webhook', url, body: '{}' }, CONTEXT);

describe('forbiddenAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'carrier-grade'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
  ])('%s is refused (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address)).toContain(reason);
  });

  it.each(['93.184.216.34', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111'])('%s is public', (address) => {
    expect(forbiddenAddressReason(address)).toBeUndefined();
  });
});

describe('the webhook sender refuses internal targets at send time, and connects to nothing', () => {
  it.each([
    { name: 'plain http', url: () => `http://127.0.0.1:${port}/hook`, reason: 'https' },
    { name: 'a loopback IP', url: () => `https://127.0.0.1:${port}/hook`, reason: 'loopback' },
    { name: 'an IPv6 loopback', url: () => `https://[::1]:${port}/hook`, reason: 'loopback' },
    { name: 'the metadata address', url: () => 'https://169.254.169.254/latest/meta-data/', reason: 'metadata' },
    { name: 'an IPv4-mapped loopback', url: () => `https://[::ffff:127.0.0.1]:${port}/hook`, reason: 'loopback' },
    { name: 'a name that resolves to loopback', url: () => `https://localhost:${port}/hook`, reason: 'loopback' },
    { name: 'credentials in the URL', url: () => `https://user:pw@example.com/hook`, reason: 'credentials' },
  ])('$name → permanent failure naming $reason', async ({ url, reason }) => {
    const error = await send(url()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain(reason);
    expect(received).toEqual([]);
  });

  it('a name whose answer mixes a public and a private address is refused', async () => {
    const fetchGuarded = guardedFetch({ resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }] });
    await expect(fetchGuarded(`https://mixed.example:${port}/`, { method: 'POST', body: '{}' })).rejects.toThrow('127.0.0.1');
    expect(received).toEqual([]);
  });

  it('checks inside the connection: the name is resolved once, and the socket goes to the address checked (no rebinding window)', async () => {
    const answers = [[{ address: '127.0.0.1', family: 4 }], [{ address: '10.9.9.9', family: 4 }]];
    let lookups = 0;
    const resolve = async () => answers[Math.min((lookups += 1) - 1, 1)]!;
    // Not allowed: refused on the one and only resolution.
    await expect(guardedFetch({ resolve })(`https://rebind.example:${port}/`, { method: 'POST', body: '{}' })).rejects.toThrow('loopback');
    expect(lookups).toBe(1);
    // Allowed (plain http to the test receiver): the request reaches the address the resolver gave, under its name.
    lookups = 0;
    const response = await guardedFetch({ resolve, allowedHosts: ['receiver.example'] })(`http://receiver.example:${port}/`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(lookups).toBe(1);
    expect(received.map((headers) => headers.host)).toEqual([`receiver.example:${port}`]);
  });

  it('never follows a redirect (a 3xx is a permanent failure, the Location is not visited)', async () => {
    answer = { status: 302, headers: { location: `http://127.0.0.1:${port}/internal` } };
    const error = await send(`http://127.0.0.1:${port}/hook`, { allowedHosts: ['127.0.0.1'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(received).toHaveLength(1);
  });

  it('an allow-listed receiver is reached (the deployment allows it explicitly)', async () => {
    await expect(send(`http://127.0.0.1:${port}/hook`, { allowedHosts: ['127.0.0.1'] })).resolves.toEqual({ providerMessageId: 'asg-ssrf' });
    expect(received).toHaveLength(1);
  });
});

describe('webhookTargetProblem: the check when an experiment is defined', () => {
  /** DNS answers by name (a fake resolver: no real lookup). */
  const dns = (answers: Record<string, string[]>) => async (hostname: string) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const resolve = dns({ 'hooks.example.com': ['93.184.215.14'], 'intranet.example.com': ['10.0.0.7'], 'rebind.example.com': ['93.184.215.14', '127.0.0.1'] });

  it.each([
    { name: 'a public host', url: 'https://hooks.example.com/x', allowed: [], problem: undefined },
    { name: 'a host that does not resolve yet (judged again at send time)', url: 'https://not-yet.example.com/x', allowed: [], problem: undefined },
    { name: 'a loopback literal', url: 'https://127.0.0.1:8443/x', allowed: [], problem: 'loopback' },
    { name: 'the metadata literal', url: 'https://169.254.169.254/', allowed: [], problem: 'link-local' },
    { name: 'localhost', url: 'https://localhost/x', allowed: [], problem: 'localhost' },
    { name: 'a name under .internal', url: 'https://billing.corp.internal/x', allowed: [], problem: '.internal' },
    { name: 'a name resolving to a private address', url: 'https://intranet.example.com/x', allowed: [], problem: '10.0.0.7' },
    { name: 'a name with one loopback answer among public ones', url: 'https://rebind.example.com/x', allowed: [], problem: '127.0.0.1' },
    { name: 'credentials in the URL', url: 'https://user:secret@hooks.example.com/x', allowed: [], problem: 'credentials' },
    { name: 'an allow-listed private name', url: 'https://intranet.example.com/x', allowed: ['intranet.example.com'], problem: undefined },
    { name: 'an allow-listed loopback literal', url: 'https://127.0.0.1/x', allowed: ['127.0.0.1'], problem: undefined },
    { name: 'allow-listed localhost', url: 'https://localhost/x', allowed: ['LOCALHOST'], problem: undefined },
  ])('$name → $problem', async ({ url, allowed, problem }) => {
    const found = await webhookTargetProblem(url, { allowedHosts: allowed, resolve });
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

