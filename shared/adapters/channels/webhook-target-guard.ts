/**
 * SSRF guard of the webhook channel. A webhook URL comes from an experiment definition, so the
 * sender must never become a way into the deployment's network: before connecting, the host is
 * resolved and refused if any of its addresses is private, loopback, link-local (cloud metadata
 * included), unspecified, multicast or reserved; the connection then goes to exactly the address
 * that was checked (the check runs inside the socket's own lookup, so a DNS answer that changes
 * between check and connect — rebinding — cannot slip through). Redirects are never followed.
 * A deployment may allow named hosts (an internal gateway; tests' receiver on 127.0.0.1).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

/** Why a webhook target was refused: permanent (the same URL will never be allowed). */
export class WebhookTargetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetRefusedError';
  }
}

/** Address ranges a webhook may never reach (RFC 6890 special-purpose registries, cloud metadata). */
const FORBIDDEN_RANGES: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved (and broadcast)'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'unique local (private; AWS metadata fd00:ec2::254)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
];
/** IPv6 prefixes that embed an IPv4 address in their last 32 bits (checked as that IPv4 address). */
const IPV4_EMBEDDING = [/^::ffff:(?:0:)?/i, /^64:ff9b::/i];

const blocked = FORBIDDEN_RANGES.map(([network, prefix, type, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, type, reason, range: `${network}/${prefix}` };
});

/** The IPv4 address embedded in an IPv4-mapped or NAT64 IPv6 address, if any. */
function embeddedIpv4(address: string): string | undefined {
  for (const prefix of IPV4_EMBEDDING) {
    if (!prefix.test(address)) continue;
    const tail = address.replace(prefix, '');
    if (isIP(tail) === 4) return tail;
    const groups = tail.split(':');
    if (groups.length === 2 && groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) {
      const [high, low] = groups.map((group) => Number.parseInt(group, 16)) as [number, number];
      return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
    }
  }
  return undefined;
}

/** Why `address` may not be reached (e.g. `loopback (127.0.0.0/8)`), or undefined when it may. */
export function forbiddenAddressReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const v4 = family === 6 ? embeddedIpv4(address) : undefined;
  if (v4 !== undefined) return forbiddenAddressReason(v4);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const match = blocked.find((entry) => entry.type === type && entry.list.check(address, type));
  return match ? `${match.reason} (${match.range})` : undefined;
}

/** Webhook targets a deployment allows beyond the public internet. */
export interface WebhookTargetPolicy {
  /** Host names or IP addresses allowed even on private addresses, and over plain http (exact, case-insensitive). */
  readonly allowedHosts?: readonly string[];
  /** The resolver (default: the system's; tests give a fake one to simulate DNS answers). */
  readonly resolve?: (hostname: string) => Promise<readonly LookupAddress[]>;
}

const systemResolve = (hostname: string) =>
  new Promise<readonly LookupAddress[]>((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** The host of a URL without IPv6 brackets, lower-cased. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Checks a webhook URL before connecting: https (http only to an allowed host), and an IP-literal
 * host outside the forbidden ranges unless allowed.
 * @throws WebhookTargetRefusedError naming the problem.
 */
export function assertWebhookUrl(url: URL, policy: WebhookTargetPolicy): void {
  const host = hostOf(url);
  const allowed = (policy.allowedHosts ?? []).some((entry) => entry.toLowerCase() === host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) throw new WebhookTargetRefusedError(`webhook URL must use https (got ${url.protocol})`);
  if (url.username !== '' || url.password !== '') throw new WebhookTargetRefusedError('webhook URL must not carry credentials');
  const reason = isIP(host) !== 0 && !allowed ? forbiddenAddressReason(host) : undefined;
  if (reason) throw new WebhookTargetRefusedError(`webhook host ${host} is a ${reason} address: refused`);
}

/** Name suffixes that never name a public host (RFC 6761 `localhost`, ICANN's private-use `.internal`, mDNS `.local`, RFC 8375 `.home.arpa`). */
const INTERNAL_NAMES: readonly (readonly [string, string])[] = [
  ['localhost', 'localhost (loopback)'],
  ['internal', 'an internal name (.internal)'],
  ['local', 'a local-network name (.local)'],
  ['home.arpa', 'a home-network name (.home.arpa)'],
];
/** How long the definition-time check waits for DNS (no answer: not refused; the send-time check decides). */
export const DEFINITION_LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Why a webhook URL may never be called, judged when an experiment is defined: the rules of
 * {@link assertWebhookUrl}, names that are internal by definition (`localhost`, `*.internal` …),
 * and a host that resolves to a forbidden address now. Allowed hosts pass. A name that does not
 * resolve (yet) is not refused: the sender checks again, with DNS, at every send (rebinding).
 * @returns the reason, or undefined when the URL may be called.
 */
export async function webhookTargetProblem(raw: string, policy: WebhookTargetPolicy): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
    assertWebhookUrl(url, policy);
  } catch (error) {
    return error instanceof WebhookTargetRefusedError ? error.message : 'must be a URL';
  }
  const host = hostOf(url);
  if ((policy.allowedHosts ?? []).some((entry) => entry.toLowerCase() === host) || isIP(host) !== 0) return undefined;
  const internal = INTERNAL_NAMES.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
  if (internal) return `webhook host ${host} is ${internal[1]}: refused (allow it with WEBHOOK_ALLOWED_HOSTS if it is yours)`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<readonly LookupAddress[]>((resolve) => (timer = setTimeout(() => resolve([]), DEFINITION_LOOKUP_TIMEOUT_MS)));
    const addresses = await Promise.race([(policy.resolve ?? systemResolve)(host), timeout]);
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason) return `webhook host ${host} resolves to ${address}, a ${reason} address: refused (allow it with WEBHOOK_ALLOWED_HOSTS if it is yours)`;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A socket lookup that resolves the host and refuses it if any address is forbidden (unless the
 * host is allowed), then hands the socket exactly the checked addresses.
 */
export function guardedLookup(policy: WebhookTargetPolicy): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    const host = hostname.toLowerCase();
    const allowed = (policy.allowedHosts ?? []).some((entry) => entry.toLowerCase() === host);
    resolve(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw new WebhookTargetRefusedError(`webhook host ${host} has no address`);
        if (!allowed) {
          for (const { address } of addresses) {
            const reason = forbiddenAddressReason(address);
            if (reason) throw new WebhookTargetRefusedError(`webhook host ${host} resolves to ${address}, a ${reason} address: refused`);
          }
        }
        const usable = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
        if (options.all) callback(null, [...usable]);
        else callback(null, usable[0]?.address ?? '', usable[0]?.family ?? 4);
      })
      .catch((error: unknown) => callback(error as NodeJS.ErrnoException, '', 4));
  };
}

/** Statuses whose response has no body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toResponse(incoming: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
  }
  const status = incoming.statusCode ?? 0;
  if (NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, { status, headers });
}

/**
 * A `fetch` for webhook calls behind the guard: the URL is checked, the host resolved and checked
 * inside the socket's lookup, redirects are returned as they are (never followed). Supports what
 * the webhook sender uses: method, string headers, a string body, an abort signal.
 */
export function guardedFetch(policy: WebhookTargetPolicy = {}): typeof fetch {
  const lookup = guardedLookup(policy);
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    assertWebhookUrl(url, policy);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? init.body : undefined;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(url, { method: init.method ?? 'GET', headers, lookup, ...(init.signal ? { signal: init.signal } : {}) }, (incoming) => resolve(toResponse(incoming)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }) as typeof fetch;
}
