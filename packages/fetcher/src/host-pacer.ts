import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RetryableError } from '@himatch/core';

// Per-host politeness shared by every crawler replica. One sorted set per host holds the
// leases in flight (score = expiry, so a crashed replica's lease lapses by itself) and one
// key holds the earliest time the next request may start. Both are read and written by one
// Lua script, on Redis' clock, so replicas with skewed clocks still agree. A grant sets the
// next start one gap ahead; the fetcher pushes it out again (`defer`) when the request
// actually goes on the wire, so time spent connecting does not eat into the host's gap.

const ACQUIRE = `
local leases, nextKey = KEYS[1], KEYS[2]
local leaseId, ttl, maxInFlight, gap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
if redis.call('ZCARD', leases) >= maxInFlight then
  local first = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
  return {0, tonumber(first[2]) - now, 0}
end
local nextAt = tonumber(redis.call('GET', nextKey) or '0')
if now < nextAt then return {0, nextAt - now, 1} end
redis.call('ZADD', leases, now + ttl, leaseId)
redis.call('PEXPIRE', leases, ttl)
redis.call('SET', nextKey, now + gap, 'PX', gap + 60000)
return {1, 0, 0}
`;

// Extends a lease still held (a live request renews it; a dead replica's lapses soon).
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'XX', now + ttl, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ttl)
  return 1
end
return 0
`;

// Pushes the host's next start time out (never pulls it in), e.g. after a 429 Retry-After.
const DEFER = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if want > nextAt then redis.call('SET', KEYS[1], want, 'PX', tonumber(ARGV[1]) + 60000) end
return 1
`;

export interface Pacing {
  maxInFlight: number;
  minGapMs: number;
}

export interface HostPacer {
  /** Waits for a slot on `host`, runs `task`, and releases the slot whatever happens. */
  withSlot<T>(host: string, pacing: Pacing, task: () => Promise<T>): Promise<T>;
  /** Asks every replica to leave `host` alone for `ms` (a Retry-After from the host). */
  defer(host: string, ms: number): Promise<void>;
}

export function createHostPacer(options: {
  redis: Redis;
  keyPrefix: string;
  /**
   * How long a lease lives without renewal. A live request renews it every third of this, so
   * a replica that dies mid-request (SIGKILL, OOM) blocks the host for at most this long.
   */
  leaseTtlMs: number;
  /** Longest a caller waits for a slot before giving up with a RetryableError. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}): HostPacer {
  const { redis, keyPrefix } = options;
  const keys = (host: string) => [`${keyPrefix}:host:${host}:leases`, `${keyPrefix}:host:${host}:next`];

  async function acquire(host: string, pacing: Pacing): Promise<string> {
    const leaseId = randomUUID();
    const [leasesKey, nextKey] = keys(host);
    const started = options.now();
    for (;;) {
      const [granted, waitMs, gapBound] = (await redis.eval(
        ACQUIRE, 2, leasesKey!, nextKey!,
        leaseId, options.leaseTtlMs, Math.max(1, pacing.maxInFlight), Math.max(0, pacing.minGapMs),
      )) as [number, number, number];
      if (granted === 1) return leaseId;
      if (options.now() - started + waitMs > options.maxWaitMs) {
        throw new RetryableError('host_busy', `no politeness slot for ${host} within ${options.maxWaitMs} ms`, {
          retryAfterMs: waitMs,
        });
      }
      // Jitter spreads the replicas that wake for the same slot. A gap ends at a known time;
      // a lease may be released early, so that wait is polled.
      const pollMs = gapBound === 1 ? waitMs : Math.min(waitMs, 100);
      await options.sleep(Math.max(pollMs, 1) + Math.random() * 20);
    }
  }

  return {
    async withSlot(host, pacing, task) {
      const leaseId = await acquire(host, pacing);
      const leasesKey = keys(host)[0]!;
      const heartbeat = setInterval(() => {
        redis.eval(RENEW, 1, leasesKey, leaseId, options.leaseTtlMs).catch(() => undefined);
      }, Math.max(100, Math.floor(options.leaseTtlMs / 3)));
      heartbeat.unref();
      try {
        return await task();
      } finally {
        clearInterval(heartbeat);
        await redis.zrem(leasesKey, leaseId).catch(() => undefined);
      }
    },
    async defer(host, ms) {
      if (ms <= 0) return;
      await redis.eval(DEFER, 1, keys(host)[1]!, Math.ceil(ms));
    },
  };
}
