import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import {
  HimatchError, PermanentError, RetryableError, fetchRequestSchema,
  type FetchedResponse,
} from '@himatch/core';
import { decodeText, type BodyLimits } from './body.ts';
import { exchange, type ExchangeResult } from './exchange.ts';
import { reportingWireStart } from './on-wire.ts';
import { createHostPacer, type Pacing } from './host-pacer.ts';
import {
  resolveOptions, type FetchOptions, type Fetcher, type FetcherOptions, type FetchOutcome,
} from './options.ts';
import { nextHop, REDIRECT_STATUSES, type Hop } from './redirect.ts';
import { backoffMs, parseRetryAfter } from './retry.ts';
import { createRobotsPolicy, type RobotsFetchResult } from './robots.policy.ts';
import { createSsrfGuard } from './ssrf.guard.ts';

interface FollowOptions {
  checkRobots: boolean;
  /** This chain fetches robots.txt itself (reported as such to the metrics hook). */
  isRobots: boolean;
  politeness: FetchOptions['politeness'];
  maxAttempts: number;
  maxRedirects: number;
  limits: BodyLimits;
}

const ROBOTS_MAX_BYTES = 512 * 1024; // RFC 9309 §2.5: parse at least 500 KiB

export function createFetcher(options: FetcherOptions): Fetcher {
  const config = resolveOptions(options);
  const guard = createSsrfGuard({
    allowPrivateHosts: config.allowPrivateHosts,
    resolve: config.resolve,
    connectTimeoutMs: config.connectTimeoutMs,
  });
  const agent = new Agent({
    connect: guard.connector,
    headersTimeout: config.bodyTimeoutMs,
    bodyTimeout: config.bodyTimeoutMs,
  });
  const pacer = createHostPacer({
    redis: config.redis,
    keyPrefix: config.keyPrefix,
    // Short and renewed while the request runs: a crashed replica frees the host quickly.
    leaseTtlMs: config.leaseTtlMs,
    maxWaitMs: config.maxSlotWaitMs,
    sleep: config.sleep,
    now: config.now,
  });
  const robots = createRobotsPolicy({
    redis: config.redis,
    keyPrefix: config.keyPrefix,
    userAgent: config.userAgent,
    okTtlMs: config.robotsTtlMs,
    errorTtlMs: config.robotsErrorTtlMs,
    now: config.now,
    fetchRobots: fetchRobotsTxt,
  });
  const pageLimits = { maxBodyBytes: config.maxBodyBytes, maxDecompressedBytes: config.maxDecompressedBytes };

  function report(hop: Hop, started: number, status: number | null, bytes: number, outcome: FetchOutcome, code: string | null, isRobots: boolean) {
    if (!config.onFetch) return;
    try {
      config.onFetch({ host: hop.url.host, status, ms: Math.round(performance.now() - started), bytes, outcome, code, robots: isRobots });
    } catch {
      // A broken metrics hook must not fail a fetch.
    }
  }

  function pacingFor(url: URL, override: FetchOptions['politeness'], crawlDelayMs: number): Pacing | null {
    if (config.politeness === 'off-for-allowlisted' && guard.isAllowListed(url)) return null;
    return {
      maxInFlight: override?.maxInFlight ?? config.defaults.maxInFlight,
      minGapMs: Math.max(override?.minGapMs ?? config.defaults.minGapMs, crawlDelayMs),
    };
  }

  /** One exchange inside the host's politeness slot, reported to the metrics hook. */
  async function send(hop: Hop, pacing: Pacing | null, limits: BodyLimits, isRobots: boolean): Promise<ExchangeResult> {
    // The gap to the host's next request runs from when this one goes on the wire, not from
    // the grant of the slot: connecting first must not shorten the gap the host sees.
    const dispatcher = pacing && pacing.minGapMs > 0
      ? reportingWireStart(agent, () => void pacer.defer(hop.url.host, pacing.minGapMs).catch(() => undefined))
      : agent;
    const run = async () => {
      const started = performance.now();
      try {
        const result = await exchange({ ...hop, dispatcher, limits, deadlineMs: config.requestTimeoutMs });
        report(hop, started, result.status, result.wireBytes, outcomeOf(result.status), null, isRobots);
        return result;
      } catch (error) {
        const code = error instanceof HimatchError ? error.code : null;
        report(hop, started, null, 0, error instanceof PermanentError ? 'permanent' : 'retryable', code, isRobots);
        throw error;
      }
    };
    return pacing ? pacer.withSlot(hop.url.host, pacing, run) : run();
  }

  /** Retries timeouts, connection errors, 408, 429 and 5xx in-process, then hands them to the queue. */
  async function sendWithRetries(hop: Hop, pacing: Pacing | null, follow: FollowOptions, isRobots: boolean): Promise<ExchangeResult> {
    for (let attempt = 1; ; attempt++) {
      let failure: RetryableError;
      try {
        const result = await send(hop, pacing, follow.limits, isRobots);
        if (!isRetryableStatus(result.status)) return result;
        failure = statusFailure(hop.url, result, config.now());
        if (failure.retryAfterMs !== null) await pacer.defer(hop.url.host, failure.retryAfterMs);
      } catch (error) {
        if (!(error instanceof RetryableError) || error.code === 'host_busy') throw error;
        failure = error;
      }
      const waitMs = failure.retryAfterMs ?? backoffMs(attempt, config.retryBaseMs, config.maxRetryWaitMs);
      if (attempt >= follow.maxAttempts || waitMs > config.maxRetryWaitMs) {
        throw new RetryableError(failure.code, `${failure.message} (after ${attempt} attempt(s))`, {
          cause: failure,
          retryAfterMs: failure.retryAfterMs ?? backoffMs(attempt + 1, config.retryBaseMs, config.maxRetryWaitMs),
        });
      }
      await config.sleep(waitMs);
    }
  }

  /** Follows redirects by hand so every hop passes the SSRF guard, robots and pacing again. */
  async function follow(start: Hop, opts: FollowOptions): Promise<{ result: ExchangeResult; url: URL }> {
    let hop = start;
    for (let redirects = 0; ; redirects++) {
      await guard.check(hop.url);
      const crawlDelayMs = opts.checkRobots ? (await robots.admit(hop.url)).crawlDelayMs : 0;
      const pacing = pacingFor(hop.url, opts.politeness, crawlDelayMs);
      const result = await sendWithRetries(hop, pacing, opts, opts.isRobots);
      const location = REDIRECT_STATUSES.has(result.status) ? result.headers['location'] : undefined;
      if (!location) return { result, url: hop.url };
      if (redirects >= opts.maxRedirects) {
        throw new PermanentError('too_many_redirects', `more than ${opts.maxRedirects} redirects from ${start.url.host}`);
      }
      hop = nextHop(hop, result.status, location);
    }
  }

  async function fetchRobotsTxt(robotsUrl: URL): Promise<RobotsFetchResult> {
    const hop: Hop = { url: robotsUrl, method: 'GET', headers: baseHeaders(config.userAgent), body: null };
    const limits = { maxBodyBytes: ROBOTS_MAX_BYTES, maxDecompressedBytes: ROBOTS_MAX_BYTES };
    try {
      // RFC 9309 §2.3.1.2: follow at least five redirects; one attempt, since failure is cached briefly.
      const { result } = await follow(hop, { checkRobots: false, isRobots: true, politeness: undefined, maxAttempts: 1, maxRedirects: 5, limits });
      if (result.status >= 200 && result.status < 300) {
        return { kind: 'ok', body: decodeText(result.bytes, result.headers['content-type']) };
      }
      return { kind: 'unavailable' }; // 4xx (5xx and 429 were thrown as retryable)
    } catch (error) {
      if (error instanceof HimatchError && error.code === 'too_many_redirects') return { kind: 'unavailable' };
      return { kind: 'unreachable', reason: error instanceof HimatchError ? error.code : 'error' };
    }
  }

  return {
    async fetch(input, fetchOptions = {}) {
      const parsed = fetchRequestSchema.safeParse(input);
      if (!parsed.success) throw new PermanentError('invalid_request', `bad FetchRequest: ${parsed.error.message}`);
      const request = parsed.data;
      const start: Hop = {
        url: new URL(request.url),
        method: request.method,
        headers: requestHeaders(config.userAgent, request.headers, fetchOptions.validators),
        body: request.body,
      };
      const { result, url } = await follow(start, {
        checkRobots: config.respectRobots,
        isRobots: false,
        politeness: fetchOptions.politeness,
        maxAttempts: config.maxAttempts,
        maxRedirects: config.maxRedirects,
        limits: pageLimits,
      });
      assertUsable(url, result.status);
      const notModified = result.status === 304;
      const response: FetchedResponse = {
        request,
        url: url.href,
        status: result.status,
        headers: result.headers,
        body: notModified ? '' : decodeText(result.bytes, result.headers['content-type']),
        notModified,
        // A 304 need not repeat the validators; the ones we sent still describe the resource.
        etag: result.headers['etag'] ?? (notModified ? fetchOptions.validators?.etag ?? null : null),
        lastModified: result.headers['last-modified'] ?? (notModified ? fetchOptions.validators?.lastModified ?? null : null),
        fetchedAt: new Date(config.now()).toISOString(),
      };
      return response;
    },
    async close() {
      await agent.close();
    },
  };
}

function outcomeOf(status: number): FetchOutcome {
  if (status === 304) return 'not_modified';
  if (REDIRECT_STATUSES.has(status)) return 'redirect';
  if (isRetryableStatus(status)) return 'retryable';
  return status >= 400 ? 'permanent' : 'ok';
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function statusFailure(url: URL, result: ExchangeResult, nowMs: number): RetryableError {
  const retryAfterMs = parseRetryAfter(result.headers['retry-after'], nowMs);
  const code = result.status === 429 ? 'http_429' : result.status === 408 ? 'http_408' : 'http_5xx';
  return new RetryableError(code, `HTTP ${result.status} from ${url.host}`, { retryAfterMs });
}

/** Final statuses that carry no usable page become permanent, classified errors. */
function assertUsable(url: URL, status: number): void {
  if (status === 404 || status === 410) throw new PermanentError('gone', `HTTP ${status} for ${url.href}`);
  if (status >= 400) throw new PermanentError('http_4xx', `HTTP ${status} for ${url.href}`);
  if (status >= 300 && status !== 304) throw new PermanentError('bad_redirect', `HTTP ${status} without Location for ${url.href}`);
}

function baseHeaders(userAgent: string): Record<string, string> {
  return { 'user-agent': userAgent, 'accept-encoding': 'gzip, deflate, br', accept: '*/*' };
}

function requestHeaders(
  userAgent: string,
  fromRequest: Record<string, string>,
  validators: FetchOptions['validators'],
): Record<string, string> {
  const headers = baseHeaders(userAgent);
  for (const [name, value] of Object.entries(fromRequest)) {
    const lower = name.toLowerCase();
    // We decode only the encodings we ask for, so the adapter cannot change that one.
    if (lower !== 'accept-encoding' && lower !== 'host') headers[lower] = value;
  }
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}
