import { promises as dnsPromises, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { PermanentError } from '@himatch/core';
import { buildConnector } from 'undici';
import { blockedAddressClass } from './address-class.ts';

/** Resolves a host name to every address it has (the shape of `dns.lookup(name, {all: true})`). */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolve: ResolveHost = (hostname) =>
  dnsPromises.lookup(hostname, { all: true, order: 'verbatim' });

export class SsrfBlockedError extends PermanentError {
  constructor(message: string) {
    super('ssrf_blocked', message);
  }
}

const ALLOWED_SCHEMES = new Set(['http:', 'https:']);

export interface SsrfGuard {
  /** Throws SsrfBlockedError unless the URL may be fetched; used before each hop. */
  check(url: URL): Promise<void>;
  /** Whether `host:port` is on the explicit allow-list (the local sample boards). */
  isAllowListed(url: URL): boolean;
  /**
   * The undici connector: resolves and checks in the same step that hands the addresses to
   * the socket, so a DNS answer that changes between `check` and connect (rebinding) is
   * re-judged and the socket only ever dials an address that passed.
   */
  connector: buildConnector.connector;
}

export function createSsrfGuard(options: {
  allowPrivateHosts: string[];
  resolve: ResolveHost;
  connectTimeoutMs: number;
}): SsrfGuard {
  const allowList = new Set(options.allowPrivateHosts.map(normalizeHostPort));
  const listed = (hostname: string, port: string, protocol: string) =>
    allowList.has(hostPortKey(hostname, port, protocol));

  async function resolveChecked(hostname: string): Promise<LookupAddress[]> {
    const addresses = await options.resolve(hostname);
    if (addresses.length === 0) throw new SsrfBlockedError(`${hostname} resolved to no address`);
    for (const { address } of addresses) {
      const blocked = blockedAddressClass(address);
      if (blocked) throw new SsrfBlockedError(`${hostname} resolves to ${address} (${blocked})`);
    }
    return addresses;
  }

  const guardedLookup = toLookupFunction(resolveChecked);
  const plainLookup = toLookupFunction(async (hostname) => options.resolve(hostname));
  const timeout = options.connectTimeoutMs;
  const strict = buildConnector({ timeout, lookup: guardedLookup });
  const open = buildConnector({ timeout, lookup: plainLookup });

  const connector: buildConnector.connector = (opts, callback) => {
    if (listed(opts.hostname, opts.port, opts.protocol)) return open(opts, callback);
    const host = stripBrackets(opts.hostname);
    // Literal IPs never reach `lookup`, so they are judged here.
    const blocked = isIP(host) ? blockedAddressClass(host) : null;
    if (blocked) return callback(new SsrfBlockedError(`${host} is ${blocked}`), null);
    return strict(opts, callback);
  };

  return {
    connector,
    isAllowListed: (url) => listed(url.hostname, url.port, url.protocol),
    async check(url) {
      if (!ALLOWED_SCHEMES.has(url.protocol)) {
        throw new SsrfBlockedError(`scheme ${url.protocol} is not fetchable`);
      }
      if (url.username || url.password) throw new SsrfBlockedError('URLs with credentials are not fetched');
      if (listed(url.hostname, url.port, url.protocol)) return;
      // WHATWG URL parsing already turned decimal, octal, hex and short IPv4 forms into
      // dotted quads and compressed IPv6, so one isIP test covers every literal spelling.
      const host = stripBrackets(url.hostname);
      if (isIP(host)) {
        const blocked = blockedAddressClass(host);
        if (blocked) throw new SsrfBlockedError(`${host} is ${blocked}`);
        return;
      }
      await resolveChecked(host);
    },
  };
}

function toLookupFunction(resolve: (hostname: string) => Promise<LookupAddress[]>): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (lookupOptions.all) return callback(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

function hostPortKey(hostname: string, port: string, protocol: string): string {
  return `${stripBrackets(hostname).toLowerCase()}:${port || defaultPort(protocol)}`;
}

/** `127.0.0.1:4010`, `localhost:4010`, `[::1]:4010`; a bare host means port 80. */
function normalizeHostPort(entry: string): string {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim());
  if (!match) throw new Error(`allowPrivateHosts entry "${entry}" is not host:port`);
  return hostPortKey(match[1]!, match[2] ?? '', 'http:');
}
