import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisServerUrl } from './servers.ts';

export interface TestRedis {
  url: string;
  /** A BullMQ key prefix of this test file's own. */
  prefix: string;
  /** A new connection fit for BullMQ workers (maxRetriesPerRequest: null); cleanup quits it. */
  connection: () => Redis;
  cleanup: () => Promise<void>;
}

export async function createTestRedis(): Promise<TestRedis> {
  const url = await redisServerUrl();
  const prefix = `himatch_test_${randomBytes(6).toString('hex')}`;
  const opened: Redis[] = [];
  const connection = () => {
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    opened.push(redis);
    return redis;
  };
  return {
    url,
    prefix,
    connection,
    cleanup: async () => {
      const redis = new Redis(url, { maxRetriesPerRequest: 3 });
      try {
        // Derived prefixes too (`<prefix>_ref`): a test may run several stacks side by side.
        await deleteByPattern(redis, `${prefix}*`);
      } finally {
        await Promise.all([redis, ...opened].map((r) => quietly(r)));
      }
    },
  };
}

async function deleteByPattern(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Quits and waits for the socket to close, so a finished test file leaves no handle open. */
async function quietly(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
  await ended;
}
