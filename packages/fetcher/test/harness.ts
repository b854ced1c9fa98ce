import { afterAll, beforeAll } from 'vitest';
import type { Redis } from 'ioredis';
import { createTestRedis, type TestRedis } from '@himatch/testing';
import { createFetcher, type Fetcher, type FetcherOptions } from '../src/index.ts';
import { startMisbehavingServer, type MisbehavingServer } from './misbehaving-server.ts';

export const USER_AGENT = 'himatch-bot/0.1 (+https://himatch.example/bot)';

export interface Harness {
  server: MisbehavingServer;
  redis: Redis;
  testRedis: TestRedis;
  /** A fetcher with its own key prefix (fresh robots cache and pacing state). */
  fetcher(overrides?: Partial<FetcherOptions>): Fetcher;
}

/** Starts the misbehaving server and a Redis connection for one test file. */
export function useHarness(): Harness {
  const opened: Fetcher[] = [];
  let count = 0;
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.server = await startMisbehavingServer();
    harness.testRedis = await createTestRedis();
    harness.redis = harness.testRedis.connection();
    harness.fetcher = (overrides = {}) => {
      count += 1;
      const fetcher = createFetcher({
        redis: harness.redis,
        keyPrefix: `${harness.testRedis.prefix}:f${count}`,
        userAgent: USER_AGENT,
        allowPrivateHosts: [harness.server.hostPort],
        politeness: 'off-for-allowlisted',
        retryBaseMs: 20,
        ...overrides,
      });
      opened.push(fetcher);
      return fetcher;
    };
  });
  afterAll(async () => {
    await Promise.all(opened.map((f) => f.close()));
    await harness.testRedis?.cleanup();
    await harness.server?.close();
  });
  return harness;
}

export function page(url: string, extra: Record<string, unknown> = {}) {
  return { url, role: 'detail' as const, step: 'test', ...extra };
}

/** The rejection of a promise, so tests can assert on its class and code. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ name: string; code: string; message: string; retryAfterMs?: number | null }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; code: string; message: string };
  }
  throw new Error('expected the promise to reject');
}
