import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  WebhookSender,
  type WebhookSenderOptions,
} from '../../../../shared/adapters/channels/webhook-sender';
import {
  verifyWebhookSignature,
  WEBHOOK_IDEMPOTENCY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '../../../../shared/adapters/channels/webhook-signature';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../../shared/domain/errors/delivery-errors';
import type { RenderedWebhook } from '../../../../shared/use-cases/ports/channel-sender';

const SECRET = 'whsec-test-0123456789abcdef';
const NOW = new Date('2025-06-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const CONTEXT = { assignmentId: 'asg-3', idempotencyKey: 'asg-3:dispatch' };

/** One request as the receiver saw it. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly signatureValid: boolean;
}

/** A receiver on 127.0.0.1 that checks every signature and answers from a scripted list of statuses. */
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let script: Array<{ status: number; headers?: Record<string, string> }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureValid = verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: request.headers[WEBHOOK_TIMESTAMP_HEADER],
        signature: request.headers[WEBHOOK_SIGNATURE_HEADER],
        nowSeconds: NOW_SECONDS,
      });
      received.push({ headers: request.headers, body, signatureValid });
      const next = script.shift() ?? { status: 200 };
      const status = signatureValid ? next.status : 401;
      response.writeHead(status, next.headers ?? {}).end(status < 300 ? '{"ok":true}' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  script = [];
});

const message = (): RenderedWebhook => ({ channel: 'webhook', url: `${baseUrl}/hooks/whatsapp`, body: '{"to":"cust-1","text":"Hi \\"Zoë\\""}' });

function sender(overrides: Partial<WebhookSenderOptions> = {}): { sender: WebhookSender; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sender: new WebhookSender({
      secret: SECRET,
      // The receiver is on loopback, which the SSRF guard refuses unless the deployment allows it.
      targets: { allowedHosts: ['127.0.0.1'] },
      now: () => NOW,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    }),
  };
}

describe('WebhookSender against a local HTTP receiver', () => {
  it('POSTs the signed JSON body with timestamp and idempotency key', async () => {
    script = [{ status: 202, headers: { 'x-message-id': 'wa-123' } }];
    const result = await sender().sender.send(message(), CONTEXT);

    expect(result).toEqual({ providerMessageId: 'wa-123' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.signatureValid).toBe(true);
    expect(request?.body).toBe(message().body);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      [WEBHOOK_TIMESTAMP_HEADER]: String(NOW_SECONDS),
      [WEBHOOK_IDEMPOTENCY_HEADER]: CONTEXT.idempotencyKey,
    });
    expect(request?.headers[WEBHOOK_SIGNATURE_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('falls back to the idempotency key as the provider id', async () => {
    expect(await sender().sender.send(message(), CONTEXT)).toEqual({ providerMessageId: CONTEXT.idempotencyKey });
  });

  it.each([
    { name: '503 then 200', statuses: [503, 200], attempts: 2 },
    { name: '429 twice then 200', statuses: [429, 429, 200], attempts: 3 },
    { name: '500 then 204', statuses: [500, 204], attempts: 2 },
  ])('retries with backoff: $name', async ({ statuses, attempts }) => {
    script = statuses.map((status) => ({ status }));
    const { sender: webhook, sleeps } = sender();
    await expect(webhook.send(message(), CONTEXT)).resolves.toBeDefined();
    expect(received).toHaveLength(attempts);
    expect(received.every((request) => request.signatureValid)).toBe(true);
    expect(new Set(received.map((request) => request.headers[WEBHOOK_IDEMPOTENCY_HEADER]))).toEqual(new Set([CONTEXT.idempotencyKey]));
    expect(sleeps).toHaveLength(attempts - 1);
  });

  it('gives up after 3 attempts with a transient error', async () => {
    script = [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200 }];
    const { sender: webhook, sleeps } = sender();
    const error = await webhook.send(message(), CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect(received).toHaveLength(3);
    // full jitter with random() = 0.5: half of 250 ms, then half of 500 ms
    expect(sleeps).toEqual([125, 250]);
  });

  it('honours Retry-After (capped) on 429', async () => {
    script = [{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }];
    const { sender: webhook, sleeps } = sender();
    await webhook.send(message(), CONTEXT);
    expect(sleeps).toEqual([2000]);
  });

  it.each([
    { name: '400 bad request', status: 400 },
    { name: '404 not found', status: 404 },
    { name: '410 gone', status: 410 },
    { name: '302 redirect', status: 302 },
  ])('fails for good without retry on $name', async ({ status }) => {
    script = [{ status, headers: status === 302 ? { location: 'https://elsewhere.example.com/' } : {} }];
    const error = await sender().sender.send(message(), CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ providerCode: `HTTP ${status}` });
    expect(received).toHaveLength(1);
  });

  it('a receiver refuses a call signed with another secret (401 → permanent)', async () => {
    const error = await sender({ secret: 'not-the-shared-secret' }).sender.send(message(), CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(received[0]?.signatureValid).toBe(false);
  });

  it('retries network errors (connection refused) and ends transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { sender: webhook, sleeps } = sender();
    const error = await webhook.send({ ...message(), url: `http://127.0.0.1:${port}/` }, CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect(sleeps).toHaveLength(2);
  });

  it('times out a receiver that does not answer', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
      const error = await sender({ timeoutMs: 100, maxAttempts: 1 }).sender.send({ ...message(), url }, CONTEXT).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransientDeliveryError);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});

describe('WebhookSender within the dispatch budget (finding: a hung endpoint held the call for the whole function timeout)', () => {
  it('the dispatch signal aborts the call in flight and no further attempt is made', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    let requests = 0;
    hanging.on('request', () => (requests += 1));
    try {
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
      const { sender: webhook, sleeps } = sender({ timeoutMs: 60_000, maxAttempts: 3 });
      const error = await webhook.send({ ...message(), url }, { ...CONTEXT, signal: AbortSignal.timeout(100) }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransientDeliveryError);
      expect((error as Error).message).toMatch(/budget/);
      expect(requests).toBe(1);
      expect(sleeps).toEqual([]);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});

describe('backoffDelayMs', () => {
  it.each([
    { name: 'first retry, max jitter', attempt: 1, random: 0.999, expected: 249 },
    { name: 'second retry doubles', attempt: 2, random: 0.5, expected: 250 },
    { name: 'capped', attempt: 10, random: 0.5, expected: 2500 },
    { name: 'zero jitter', attempt: 3, random: 0, expected: 0 },
  ])('$name', ({ attempt, random, expected }) => {
    expect(backoffDelayMs(attempt, 250, 5000, () => random)).toBe(expected);
  });
});
