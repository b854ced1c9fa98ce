import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRepositories, type Repositories } from '@himatch/db';
import { listSchedules, upsertSchedule } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { reconcileSchedules, type ReconcileDeps } from './reconcile.ts';
import { createReconciler } from './reconciler.ts';
import { schedulerIdOf } from './plan.ts';

let database: TestDatabase;
let redis: TestRedis;
let repos: Repositories;
let connection: Redis;
const logger = createLogger('scheduler-test', 'silent');

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  repos = createRepositories(database.db);
  connection = redis.connection();
});

afterAll(async () => {
  await redis?.cleanup();
  await database?.drop();
});

/** A fresh "scheduler process": its own connection, nothing shared but Redis and Postgres. */
const freshDeps = (): ReconcileDeps => ({ sources: repos.sources, connection: redis.connection(), prefix: redis.prefix, logger });

async function schedules(): Promise<Map<string, string | null>> {
  return new Map((await listSchedules(connection, 'crawler', redis.prefix)).map((s) => [s.schedulerId, s.cron]));
}

async function delayedJobs(): Promise<{ name: string; data: unknown; id: string | undefined }[]> {
  const queue = new Queue('crawler', { connection, prefix: redis.prefix });
  try {
    return (await queue.getDelayed()).map((j) => ({ name: j.name, data: j.data as unknown, id: j.id }));
  } finally {
    await queue.close();
  }
}

const newSource = (name: string, cron: string | null, enabled = true) =>
  repos.sources.create({ kind: 'greenhouse', name, config: { boardToken: name }, cron, enabled, politeness: {} });

describe('schedule reconciliation on real Redis and Postgres', () => {
  it('creates exactly one scheduler per enabled source with a valid cron; restarts add none', async () => {
    const sixHourly = await newSource('six-hourly', '0 */6 * * *');
    const nightly = await newSource('nightly', '0 3 * * *');
    await newSource('manual-only', null);
    await newSource('paused', '0 4 * * *', false);
    const broken = await newSource('broken-cron', '61 * * * *');

    const first = await reconcileSchedules(freshDeps());
    expect(first.upserted.sort()).toEqual([schedulerIdOf(sixHourly.id), schedulerIdOf(nightly.id)].sort());
    expect(first.invalid).toEqual([expect.objectContaining({ sourceId: broken.id, cron: '61 * * * *' })]);

    // The same scheduler again, and two "restarted" schedulers (new instances, new connections).
    const again = await reconcileSchedules(freshDeps());
    expect(again).toMatchObject({ upserted: [], removed: [], unchanged: 2 });
    await Promise.all([createReconciler(freshDeps(), { intervalMs: 60_000 }), createReconciler(freshDeps(), { intervalMs: 60_000 })]
      .map(async (r) => { await r.start(); await r.stop(); }));

    expect(await schedules()).toEqual(new Map([[schedulerIdOf(sixHourly.id), '0 */6 * * *'], [schedulerIdOf(nightly.id), '0 3 * * *']]));
    // One next job per scheduler, a crawl.source without a run (the crawler creates it).
    const jobs = await delayedJobs();
    expect(jobs).toHaveLength(2);
    expect(jobs.map((j) => j.name)).toEqual(['crawl.source', 'crawl.source']);
    expect(jobs.map((j) => j.data)).toContainEqual({ sourceId: sixHourly.id, runId: null });
    expect(jobs.every((j) => j.id?.startsWith('repeat:source_'))).toBe(true);
  });

  it('follows pause, resume, cron edits and deletes, and removes orphans but not foreign schedulers', async () => {
    const source = await newSource('lifecycle', '0 5 * * *');
    await reconcileSchedules(freshDeps());
    expect((await schedules()).get(schedulerIdOf(source.id))).toBe('0 5 * * *');

    await repos.sources.setEnabled(source.id, false);
    expect((await reconcileSchedules(freshDeps())).removed).toEqual([schedulerIdOf(source.id)]);
    expect((await schedules()).has(schedulerIdOf(source.id))).toBe(false);

    await repos.sources.setEnabled(source.id, true);
    await repos.sources.update(source.id, { cron: '30 5 * * 1-5' });
    await reconcileSchedules(freshDeps());
    expect((await schedules()).get(schedulerIdOf(source.id))).toBe('30 5 * * 1-5');

    await repos.sources.update(source.id, { cron: null });
    await reconcileSchedules(freshDeps());
    expect((await schedules()).has(schedulerIdOf(source.id))).toBe(false);

    await repos.sources.update(source.id, { cron: '0 6 * * *' });
    await reconcileSchedules(freshDeps());
    await repos.sources.delete(source.id);
    const orphan = schedulerIdOf('55555555-5555-4555-8555-555555555555');
    await upsertSchedule(connection, 'crawler', orphan, '0 7 * * *', 'crawl.source', { sourceId: '55555555-5555-4555-8555-555555555555', runId: null }, { prefix: redis.prefix });
    await upsertSchedule(connection, 'crawler', 'not-ours', '0 8 * * *', 'crawl.source', { sourceId: '55555555-5555-4555-8555-555555555555', runId: null }, { prefix: redis.prefix });

    const result = await reconcileSchedules(freshDeps());
    expect(result.removed.sort()).toEqual([schedulerIdOf(source.id), orphan].sort());
    const left = await schedules();
    expect(left.has(schedulerIdOf(source.id))).toBe(false);
    expect(left.has(orphan)).toBe(false);
    expect(left.get('not-ours')).toBe('0 8 * * *');
    // Delayed jobs of removed schedulers are gone too: only the live schedulers' next jobs remain.
    expect((await delayedJobs()).length).toBe(left.size);
  });

  it('coalesces on-demand requests that arrive while a reconcile runs', async () => {
    let reads = 0;
    const deps = freshDeps();
    const counting: ReconcileDeps = { ...deps, sources: { list: (opts) => { reads += 1; return repos.sources.list(opts); } } };
    const reconciler = createReconciler(counting, { intervalMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 10 }, () => reconciler.reconcileNow()));
    await reconciler.stop();
    expect(results).toHaveLength(10);
    // The first request runs at once; the other nine share one follow-up run.
    expect(reads).toBe(2);
  });
});
