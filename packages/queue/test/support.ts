import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRedisConnection, createRedisConnection, deletePrefixKeys, waitUntilReady } from '../src/index.ts';

// Test support: a unique key prefix per test file, connections that are quit afterwards.

export function uniquePrefix(file: string): string {
  return `test-${file}-${randomUUID().slice(0, 8)}`;
}

export interface RedisTestKit {
  prefix: string;
  /** A plain worker-role connection for assertions and test effects. */
  redis: Redis;
  workerConnection: () => Redis;
  producerConnection: () => Promise<Redis>;
  cleanup: () => Promise<void>;
}

export async function createRedisTestKit(url: string, file: string): Promise<RedisTestKit> {
  const prefix = uniquePrefix(file);
  const opened: Redis[] = [];
  const open = (role: 'worker' | 'producer'): Redis => {
    const connection = createRedisConnection(url, { role, connectionName: prefix });
    opened.push(connection);
    return connection;
  };
  const redis = open('worker');
  await waitUntilReady(redis);
  return {
    prefix,
    redis,
    workerConnection: () => open('worker'),
    producerConnection: async () => {
      const connection = open('producer');
      await waitUntilReady(connection);
      return connection;
    },
    cleanup: async () => {
      await deletePrefixKeys(redis, prefix);
      await Promise.all(opened.map(closeRedisConnection));
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
