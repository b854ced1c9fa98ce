import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTestRedis } from './test-redis.ts';

describe('createTestRedis', () => {
  it('gives each caller its own prefix and cleans only its keys', async () => {
    const [a, b] = await Promise.all([createTestRedis(), createTestRedis()]);
    expect(a.prefix).not.toBe(b.prefix);
    const conn = a.connection();
    expect(conn.options.maxRetriesPerRequest).toBeNull();
    for (let i = 0; i < 1200; i++) await conn.set(`${a.prefix}:k${i}`, '1');
    await conn.set(`${b.prefix}:keep`, '1');

    await a.cleanup();
    expect(conn.status).toBe('end');

    const check = new Redis(b.url);
    try {
      const [, left] = await check.scan('0', 'MATCH', `${a.prefix}:*`, 'COUNT', 10_000);
      expect(left).toEqual([]);
      expect(await check.get(`${b.prefix}:keep`)).toBe('1');
    } finally {
      await b.cleanup();
      expect(await check.exists(`${b.prefix}:keep`)).toBe(0);
      await check.quit();
    }
  });
});
