// Alert webhook: HMAC-signed JSON POST to one configured URL, behind the same address
// classification as the crawler's SSRF guard (a webhook URL is configuration, but a
// misconfigured one must not reach metadata services or the private network).
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import { PermanentError, RetryableError } from '@himatch/core';
import { blockedAddressClass, createSsrfGuard, SsrfBlockedError, systemResolve, type ResolveHost } from '@himatch/fetcher';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (the receiver recomputes and compares). */
export function signatureHeader(body: string, secret: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface WebhookTarget {
  url: URL;
  secret: string;
  /** host:port pairs allowed although private. */
  allowHosts: readonly string[];
  timeoutMs: number;
  resolve?: ResolveHost;
}

function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.replace(/^\[|\]$/g, '')}:${port}`;
}

/** Throws PermanentError('ssrf_blocked') unless every address of the host is public or the host is allow-listed. */
export async function checkWebhookTarget(target: WebhookTarget): Promise<void> {
  const { url } = target;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PermanentError('ssrf_blocked', `scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new PermanentError('ssrf_blocked', 'webhook URLs with credentials are not allowed');
  if (target.allowHosts.includes(hostPort(url))) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (target.resolve ?? systemResolve)(host);
  if (addresses.length === 0) throw new RetryableError('dns_empty', `${host} resolved to no address`);
  for (const { address } of addresses) {
    const blocked = blockedAddressClass(address);
    if (blocked) throw new PermanentError('ssrf_blocked', `webhook host ${host} resolves to ${address} (${blocked})`);
  }
}

const agents = new WeakMap<WebhookTarget, Agent>();

/**
 * The target's connections go through the crawler's SSRF connector, which resolves and judges
 * the host in the same step that dials it: a DNS answer that changes after checkWebhookTarget
 * (rebinding) is judged again, and the socket only dials an address that passed.
 */
function agentFor(target: WebhookTarget): Agent {
  let agent = agents.get(target);
  if (!agent) {
    const guard = createSsrfGuard({ allowPrivateHosts: [...target.allowHosts], resolve: target.resolve ?? systemResolve, connectTimeoutMs: target.timeoutMs });
    agent = new Agent({ connect: guard.connector });
    agents.set(target, agent);
  }
  return agent;
}

function blockedCause(error: unknown): SsrfBlockedError | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e instanceof SsrfBlockedError) return e;
  return null;
}

/** POSTs one alert. 2xx: done. 408/429/5xx and network errors: RetryableError. Other 4xx: PermanentError. */
export async function postAlert(target: WebhookTarget, deliveryId: string, body: string, nowMs = Date.now()): Promise<number> {
  await checkWebhookTarget(target);
  let response: Response;
  try {
    response = await fetch(target.url, {
      dispatcher: agentFor(target),
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'himatch-alerts/1',
        'x-himatch-delivery': deliveryId,
        'x-himatch-signature': signatureHeader(body, target.secret, Math.floor(nowMs / 1000)),
      },
      body,
    });
  } catch (err) {
    const blocked = blockedCause(err);
    if (blocked) throw new PermanentError('ssrf_blocked', `webhook ${blocked.message}`, { cause: err });
    throw new RetryableError('webhook_unreachable', `webhook request failed: ${(err as Error).message}`, { cause: err });
  }
  await response.body?.cancel();
  if (response.ok) return response.status;
  const retryAfter = Number(response.headers.get('retry-after'));
  const message = `webhook answered ${response.status}`;
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    throw new RetryableError(`webhook_${response.status}`, message, { retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null });
  }
  throw new PermanentError(`webhook_${response.status}`, message);
}
