/**
 * A real network fault for provider clients: an HTTP endpoint on 127.0.0.1 that accepts each
 * request, reads it, and never answers. It records every connection, so a test can tell a call
 * that was cancelled (the client closed its connection) from one that was merely abandoned (the
 * connection stays open, and the provider could still act on it).
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** A running endpoint that never answers. */
export interface HungEndpoint {
  /** Base URL, e.g. `http://127.0.0.1:53211`. */
  readonly endpoint: string;
  /** Requests received in full (the provider would have them). */
  requests(): number;
  /** Resolves once `count` requests were received, or rejects after `withinMs`. */
  receive(count: number, withinMs: number): Promise<void>;
  /** Connections the client still holds open. */
  openConnections(): number;
  /** Resolves once every connection the client opened is closed, or rejects after `withinMs`. */
  allClosed(withinMs: number): Promise<void>;
  /** Stops the server (closing what is still open). */
  stop(): Promise<void>;
}

/** Pause between checks of the open connections. */
const POLL_MS = 20;

async function pollUntil(done: () => boolean, withinMs: number, failure: () => string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The promise's outcome, or a rejection saying it was still pending after `withinMs`. */
export function settledWithin<T>(promise: Promise<T>, withinMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${withinMs} ms`)), withinMs)));
  return Promise.race([promise, pending]).finally(() => clearTimeout(timer));
}

/**
 * Hands a message to a sender whose client points at `hung`, aborts the dispatch signal once the
 * request arrived, and returns what the send settled with (a test checks it is a transient
 * delivery error and that `hung` then has no open connection).
 */
export async function abortMidCall(hung: HungEndpoint, send: (signal: AbortSignal) => Promise<unknown>, withinMs: number = CANCEL_WITHIN_MS): Promise<unknown> {
  const controller = new AbortController();
  const sending = send(controller.signal);
  sending.catch(() => undefined);
  await hung.receive(1, withinMs);
  controller.abort(new Error('the dispatch budget ran out'));
  try {
    await settledWithin(sending, withinMs);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** How long a cancelled call may take to let go (generous: the machine is shared). */
export const CANCEL_WITHIN_MS = 3_000;

/** Starts an endpoint that never answers. */
export async function startHungEndpoint(): Promise<HungEndpoint> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createServer((request) => {
    request.resume();
    request.on('end', () => (requests += 1));
    // Never answers.
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    receive: (count, withinMs) => pollUntil(() => requests >= count, withinMs, () => `${requests} of ${count} request(s) received after ${withinMs} ms`),
    openConnections: () => sockets.size,
    allClosed: (withinMs) => pollUntil(() => sockets.size === 0, withinMs, () => `${sockets.size} connection(s) still open after ${withinMs} ms: the call was abandoned, not cancelled`),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
