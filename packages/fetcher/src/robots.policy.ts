import type { Redis } from 'ioredis';
import robotsParserModule from 'robots-parser';
import { PermanentError, RetryableError } from '@himatch/core';

// robots-parser's types declare an ES default export, but the package is CommonJS
// `module.exports = fn`: Node hands us the function, TypeScript expects `.default`.
type ParseRobots = typeof robotsParserModule.default;
const robotsParser: ParseRobots =
  (robotsParserModule as unknown as { default?: ParseRobots }).default ??
  (robotsParserModule as unknown as ParseRobots);

// RFC 9309 access rules, fetched once per origin and shared by every replica through Redis.
//   2xx          → the rules in the file
//   4xx          → "unavailable": everything allowed
//   5xx, 429, network failure → "unreachable": everything disallowed until the short TTL ends

/** What fetching /robots.txt gave; `unreachable` covers 5xx, 429 and no answer at all. */
export type RobotsFetchResult =
  | { kind: 'ok'; body: string }
  | { kind: 'unavailable' }
  | { kind: 'unreachable'; reason: string };

/** How long one process keeps parsed rules before reading Redis again. */
const MEMO_MS = 30_000;

type CachedRobots =
  | { kind: 'ok'; body: string }
  | { kind: 'unavailable' }
  | { kind: 'unreachable'; reason: string; until: number };

export interface RobotsPolicy {
  /** Throws unless `url` may be crawled; returns the host's Crawl-delay in ms (0 if none). */
  admit(url: URL): Promise<{ crawlDelayMs: number }>;
}

export function createRobotsPolicy(options: {
  redis: Redis;
  keyPrefix: string;
  userAgent: string;
  okTtlMs: number;
  errorTtlMs: number;
  now: () => number;
  fetchRobots: (robotsUrl: URL) => Promise<RobotsFetchResult>;
}): RobotsPolicy {
  const token = productToken(options.userAgent);
  // Concurrent requests to a fresh origin share one robots fetch within this process.
  const pending = new Map<string, Promise<CachedRobots>>();

  async function load(origin: string): Promise<CachedRobots> {
    const key = `${options.keyPrefix}:robots:${origin}`;
    const hit = await options.redis.get(key);
    if (hit) return JSON.parse(hit) as CachedRobots;
    const result = await options.fetchRobots(new URL('/robots.txt', origin));
    const ttl = result.kind === 'unreachable' ? options.errorTtlMs : options.okTtlMs;
    const cached: CachedRobots =
      result.kind === 'unreachable' ? { ...result, until: options.now() + ttl } : result;
    await options.redis.set(key, JSON.stringify(cached), 'PX', ttl);
    return cached;
  }

  function loadOnce(origin: string): Promise<CachedRobots> {
    let promise = pending.get(origin);
    if (!promise) {
      promise = load(origin).finally(() => pending.delete(origin));
      pending.set(origin, promise);
    }
    return promise;
  }

  // The parsed rules are also kept in-process for a short while: reading Redis and parsing
  // the file on every request was a measurable share of a crawler's CPU. A changed robots.txt
  // still reaches every replica within MEMO_MS of it reaching Redis.
  const memo = new Map<string, { robots: CachedRobots; parsed: ReturnType<ParseRobots> | null; until: number }>();

  async function rules(origin: string) {
    const hit = memo.get(origin);
    if (hit && hit.until > options.now()) return hit;
    const robots = await loadOnce(origin);
    const entry = { robots, parsed: robots.kind === 'ok' ? robotsParser(new URL('/robots.txt', origin).href, robots.body) : null, until: options.now() + MEMO_MS };
    // An unreachable robots.txt is not kept here: its short TTL in Redis decides when to retry.
    if (robots.kind === 'unreachable') memo.delete(origin);
    else memo.set(origin, entry);
    return entry;
  }

  return {
    async admit(url) {
      const { robots, parsed } = await rules(url.origin);
      if (robots.kind === 'unavailable') return { crawlDelayMs: 0 };
      if (robots.kind === 'unreachable') {
        throw new RetryableError('robots_unreachable', `robots.txt of ${url.origin} unreachable (${robots.reason}); all paths disallowed for now`, {
          retryAfterMs: Math.max(0, robots.until - options.now()),
        });
      }
      // robots-parser answers undefined for URLs outside the file's origin; ours never are.
      if (parsed?.isAllowed(url.href, token) === false) {
        throw new PermanentError('robots_denied', `robots.txt of ${url.origin} disallows ${url.pathname}`);
      }
      const delaySeconds = parsed?.getCrawlDelay(token);
      return { crawlDelayMs: delaySeconds && delaySeconds > 0 ? Math.round(delaySeconds * 1000) : 0 };
    },
  };
}

/** `himatch-bot/0.1 (+https://…)` → `himatch-bot`: the token robots.txt groups name. */
export function productToken(userAgent: string): string {
  const first = userAgent.trim().split(/[\s/]/)[0] ?? '';
  return first.replace(/[^A-Za-z_-]/g, '') || '*';
}
