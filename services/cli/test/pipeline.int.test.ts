import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { createStack, fetchTruth, snapshot, type Stack, type Truth } from './stack.ts';

// One crawl of the sample boards through the real services (separate processes), the real
// queue and the real database; then an unchanged re-crawl; then a generation of the boards
// in which some jobs changed and some disappeared.

let database: TestDatabase;
let redis: TestRedis;
let stack: Stack;
let truth: Truth;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  stack = await createStack({ databaseUrl: database.url, redisUrl: redis.url, prefix: redis.prefix, count: 240, workerEnv: { MAX_MISSED_RUNS: '1' } });
  await stack.startBoards(0);
  stack.start('crawler');
  stack.start('normalizer');
  stack.start('matcher');
  truth = await fetchTruth(stack);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await redis?.cleanup();
  await database?.drop();
});

describe('pipeline on the sample boards', () => {
  it('stores every posting of every board once; HIT ones as listings, the others rejected with a reason', async () => {
    const runIds = await stack.crawlAll();
    const runs = await Promise.all(runIds.map((id) => stack.repos.crawlRuns.get(id)));
    expect(runs.every((r) => r?.status === 'succeeded' || r?.status === 'partial')).toBe(true);
    expect(runs.every((r) => r?.complete)).toBe(true);

    const boards = await stack.boards();
    const nameOf = new Map(boards.map((b) => [(b as unknown as { key: string }).key, b.name]));
    const stored = await snapshot(stack.db);
    const malformed = new Set(truth.malformed.map((m) => m.url));
    const expected = truth.postings.flatMap((p) => p.refs.filter((r) => !malformed.has(r.url)).map((r) => ({ key: `${nameOf.get(r.board)}|${r.externalId}`, isHit: p.truth.isHit })));
    const missing = expected.filter((e) => !stored.has(e.key));
    expect(missing.map((m) => m.key)).toEqual([]);
    // Nothing stored twice, nothing stored that no board served.
    expect(stored.size).toBe(new Set(expected.map((e) => e.key)).size);

    let agree = 0;
    for (const e of expected) {
      const row = stored.get(e.key)!;
      expect(['normalized', 'rejected']).toContain(row.status);
      if (row.status === 'rejected') {
        expect(row.reason ?? '').not.toBe('');
        expect(row.listingHash).toBeNull();
      } else {
        expect(row.listingHash).not.toBeNull();
      }
      if ((row.status === 'normalized') === e.isHit) agree += 1;
    }
    // The normalizer's own accuracy is measured by `himatch eval`; here it must broadly agree.
    expect(agree / expected.length).toBeGreaterThan(0.9);
    const failures = await stack.db.selectFrom('crawlFailure').select(['url', 'reason']).execute();
    expect(failures.map((f) => f.url)).toEqual(expect.arrayContaining([...malformed]));
    expect(failures.every((f) => f.reason.length > 0)).toBe(true);
  }, 180_000);

  it('a second crawl of unchanged boards changes no row', async () => {
    const before = await snapshot(stack.db);
    const listingsBefore = await stack.db.selectFrom('listing').select(['id', 'contentHash', 'status', 'clusterId']).orderBy('id').execute();
    const runIds = await stack.crawlAll();
    const runs = await Promise.all(runIds.map((id) => stack.repos.crawlRuns.get(id)));
    expect(runs.map((r) => [r?.new, r?.changed])).toEqual(runs.map(() => [0, 0]));
    expect(await snapshot(stack.db)).toEqual(before);
    const listingsAfter = await stack.db.selectFrom('listing').select(['id', 'contentHash', 'status', 'clusterId']).orderBy('id').execute();
    expect(listingsAfter).toEqual(listingsBefore);
  }, 180_000);

  it('a changed posting updates its row; a vanished one is closed after a complete run misses it', async () => {
    const before = await snapshot(stack.db);
    const idsBefore = new Map((await stack.db.selectFrom('listing').select(['id', 'sourceId', 'externalId']).execute()).map((r) => [`${r.sourceId}|${r.externalId}`, r.id]));
    await stack.startBoards(1);
    const next = await fetchTruth(stack);
    expect(next.changed.length).toBeGreaterThan(0);
    expect(next.dropped.length).toBeGreaterThan(0);
    const runIds = await stack.crawlAll();
    const runs = await Promise.all(runIds.map((id) => stack.repos.crawlRuns.get(id)));
    expect(runs.reduce((n, r) => n + (r?.changed ?? 0), 0)).toBeGreaterThan(0);

    const after = await snapshot(stack.db);
    const boards = await stack.boards();
    const nameOf = new Map(boards.map((b) => [(b as unknown as { key: string }).key, b.name]));
    // Workday details are fetched only for postings not seen before (the list has no change
    // stamp), so an edit there shows only on a new requisition: left out of this check.
    const refsOf = (postings: Truth['postings'], ids: string[], kinds = ['workday']) =>
      postings.filter((p) => ids.includes(p.id)).flatMap((p) => p.refs.filter((r) => !kinds.includes(r.kind)).map((r) => `${nameOf.get(r.board)}|${r.externalId}`));
    const changedKeys = refsOf(next.postings, next.changed).filter((k) => before.get(k)?.status === 'normalized');
    expect(changedKeys.length).toBeGreaterThan(0);
    const unchanged = changedKeys.filter((key) => after.get(key)?.rawHash === before.get(key)?.rawHash);
    expect(unchanged).toEqual([]);
    for (const key of changedKeys) {
      expect(after.get(key)?.listingHash).not.toBe(before.get(key)?.listingHash);
    }
    const droppedKeys = refsOf(truth.postings, next.dropped, []).filter((k) => before.get(k)?.listingStatus === 'open');
    expect(droppedKeys.length).toBeGreaterThan(0);
    const stillOpen = droppedKeys.filter((key) => after.get(key)?.listingStatus !== 'closed');
    expect(stillOpen).toEqual([]);
    const closed = await stack.db.selectFrom('listing').select(['closedReason']).where('status', '=', 'closed').where('closedReason', '=', 'not_seen').execute();
    expect(closed.length).toBeGreaterThanOrEqual(droppedKeys.length);
    // Updated in place: a changed listing keeps its id.
    const idsAfter = await stack.db.selectFrom('listing').select(['id', 'sourceId', 'externalId']).execute();
    for (const row of idsAfter) {
      const prev = idsBefore.get(`${row.sourceId}|${row.externalId}`);
      if (prev) expect(row.id).toBe(prev);
    }
  }, 180_000);
});
