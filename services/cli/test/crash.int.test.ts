import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { createStack, snapshot, type Stack } from './stack.ts';

// Workers are real processes. Killing them with SIGKILL in the middle of a crawl must lose
// nothing and duplicate nothing: after fresh workers take over (BullMQ's stalled-job
// recovery), the database ends exactly as an undisturbed crawl of the same boards leaves it.

const dbs: TestDatabase[] = [];
let redis: TestRedis;
let reference: Stack;
let crashed: Stack;

beforeAll(async () => {
  redis = await createTestRedis();
  const [a, b] = [await createTestDatabase(), await createTestDatabase()];
  dbs.push(a, b);
  reference = await createStack({ databaseUrl: a.url, redisUrl: redis.url, prefix: `${redis.prefix}_ref`, count: 160 });
  await reference.startBoards(0);
  crashed = await createStack({ databaseUrl: b.url, redisUrl: redis.url, prefix: `${redis.prefix}_crash`, count: 160, boardsPort: reference.port });
}, 60_000);

afterAll(async () => {
  await crashed?.stop();
  await reference?.stop();
  await redis?.cleanup();
  for (const db of dbs) await db.drop();
});

it('a crawler and a normalizer killed mid-job lose nothing and duplicate nothing', async () => {
  for (const name of ['crawler', 'normalizer', 'matcher'] as const) reference.start(name);
  await reference.crawlAll();
  const expected = await snapshot(reference.db);
  expect(expected.size).toBeGreaterThan(100);

  // Slow the first crawler down so that the kill lands while pages and postings are in flight.
  const crawler = crashed.start('crawler', { MIN_GAP_MS: '15' });
  const normalizer = crashed.start('normalizer');
  const runIds = await crashed.startCrawl();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const done = await crashed.db.selectFrom('crawlPage').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '<>', 'pending').executeTakeFirstOrThrow();
    const normalized = await crashed.db.selectFrom('rawPosting').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '<>', 'pending').executeTakeFirstOrThrow();
    if (Number(done.n) >= 25 && Number(normalized.n) >= 10) break;
    if (Date.now() > deadline) throw new Error('the crawl never got going');
    await new Promise((r) => setTimeout(r, 50));
  }
  const activeBefore = await crashed.db.selectFrom('crawlPage').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  expect(Number(activeBefore.n)).toBeGreaterThan(0); // the kill lands mid-crawl
  await Promise.all([crawler.stop('SIGKILL'), normalizer.stop('SIGKILL')]);

  for (const name of ['crawler', 'normalizer', 'matcher'] as const) crashed.start(name);
  await crashed.waitFor(runIds, 120_000);

  const runs = await Promise.all(runIds.map((id) => crashed.repos.crawlRuns.get(id)));
  expect(runs.every((r) => r?.finishedAt && r.complete)).toBe(true);
  const got = await snapshot(crashed.db);
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, row] of expected) expect({ key, ...got.get(key) }).toEqual({ key, ...row });
  const pending = await crashed.db.selectFrom('crawlPage').select('url').where('status', '=', 'pending').execute();
  expect(pending).toEqual([]);
}, 240_000);
