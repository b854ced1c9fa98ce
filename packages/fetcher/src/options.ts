import type { Redis } from 'ioredis';
import type { FetchRequest, FetchRequestInput, FetchedResponse } from '@himatch/core';
import { systemResolve, type ResolveHost } from './ssrf.guard.ts';

export type FetchOutcome = 'ok' | 'not_modified' | 'redirect' | 'retryable' | 'permanent';

/** One HTTP exchange (each attempt and each redirect hop, robots.txt included). */
export interface FetchMetric {
  host: string;
  /** HTTP status, or null when no response arrived (timeout, refused, blocked). */
  status: number | null;
  ms: number;
  /** Bytes received on the wire for the body. */
  bytes: number;
  outcome: FetchOutcome;
  /** Machine-readable reason for retryable/permanent outcomes. */
  code: string | null;
  robots: boolean;
}

export interface FetcherOptions {
  /** Shared state across crawler replicas; the fetcher never closes it. */
  redis: Redis;
  /** Default 'himatch:fetch'. */
  keyPrefix?: string;
  /** Descriptive, with a contact URL; its first token is matched against robots.txt groups. */
  userAgent: string;
  /** `host:port` entries exempt from the SSRF guard, e.g. `127.0.0.1:4010`. */
  allowPrivateHosts?: string[];
  /** Per-host politeness when the request does not say otherwise. */
  defaults?: { maxInFlight?: number; minGapMs?: number };
  /** 'off-for-allowlisted' skips pacing (not robots) for allow-listed hosts, for benchmarks. */
  politeness?: 'on' | 'off-for-allowlisted';
  connectTimeoutMs?: number;
  /** Also used as the wait for response headers. */
  bodyTimeoutMs?: number;
  /** Deadline for one whole exchange (connect + headers + body). Default 120 s. */
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  maxDecompressedBytes?: number;
  maxRedirects?: number;
  /** Attempts inside one fetch() call before a RetryableError goes back to the queue. */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt (with jitter). Default 1000 ms. */
  retryBaseMs?: number;
  /** A Retry-After longer than this is not slept in-process but handed to the queue. Default 30 s. */
  maxRetryWaitMs?: number;
  /** Longest wait for a politeness slot before a RetryableError('host_busy'). Default 5 min. */
  maxSlotWaitMs?: number;
  /** Life of a politeness lease without renewal (renewed while its request runs). Default 15 s. */
  leaseTtlMs?: number;
  respectRobots?: boolean;
  robotsTtlMs?: number;
  robotsErrorTtlMs?: number;
  /** DNS resolution; injectable so tests can fake names that resolve to private addresses. */
  resolve?: ResolveHost;
  onFetch?: (metric: FetchMetric) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface FetchOptions {
  politeness?: { maxInFlight?: number; minGapMs?: number };
  validators?: { etag?: string | null; lastModified?: string | null };
}

export interface Fetcher {
  fetch(request: FetchRequest | FetchRequestInput, options?: FetchOptions): Promise<FetchedResponse>;
  /** Closes the HTTP connection pool; the Redis client belongs to the caller. */
  close(): Promise<void>;
}

export type ResolvedOptions = Required<Omit<FetcherOptions, 'defaults' | 'onFetch'>> & {
  defaults: { maxInFlight: number; minGapMs: number };
  onFetch: ((metric: FetchMetric) => void) | null;
};

export function resolveOptions(options: FetcherOptions): ResolvedOptions {
  const requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
  return {
    redis: options.redis,
    keyPrefix: options.keyPrefix ?? 'himatch:fetch',
    userAgent: options.userAgent,
    allowPrivateHosts: options.allowPrivateHosts ?? [],
    defaults: { maxInFlight: options.defaults?.maxInFlight ?? 1, minGapMs: options.defaults?.minGapMs ?? 1000 },
    politeness: options.politeness ?? 'on',
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
    requestTimeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
    maxDecompressedBytes: options.maxDecompressedBytes ?? 20 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    maxAttempts: Math.max(1, options.maxAttempts ?? 3),
    retryBaseMs: options.retryBaseMs ?? 1000,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 30_000,
    maxSlotWaitMs: options.maxSlotWaitMs ?? 5 * 60_000,
    leaseTtlMs: options.leaseTtlMs ?? 15_000,
    respectRobots: options.respectRobots ?? true,
    robotsTtlMs: options.robotsTtlMs ?? 24 * 3600_000,
    robotsErrorTtlMs: options.robotsErrorTtlMs ?? 10 * 60_000,
    resolve: options.resolve ?? systemResolve,
    onFetch: options.onFetch ?? null,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}
