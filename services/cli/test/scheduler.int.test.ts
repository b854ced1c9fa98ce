import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { listSchedules, removeSchedule } from '@himatch/queue';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { createStack, type Stack } from './stack.ts';
import { runCli } from './ops-cli.ts';
import type { ServiceProcess } from '../src/processes.ts';

// The scheduler and the crawler as real processes: a source's cron becomes one BullMQ job
// scheduler; its jobs (runId null) become crawl runs made by the crawler, one per job id even
// when a job is delivered again; restarts add no schedule; pausing removes it.

let database: TestDatabase;
let redis: TestRedis;
let stack: Stack;
let queue: Queue;
let env: Record<string, string>;
const EVERY_3_S = '*/3 * * * * *';
const SCHEDULER_ENV = { RECONCILE_INTERVAL_MS: '2000' };

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  stack = await createStack({ databaseUrl: database.url, redisUrl: redis.url, prefix: redis.prefix, count: 24 });
  await stack.startBoards(0);
  stack.start('crawler');
  stack.start('scheduler', SCHEDULER_ENV);
  queue = new Queue('crawler', { connection: redis.connection(), prefix: redis.prefix });
  env = { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix };
}, 120_000);

afterAll(async () => {
  await queue?.close();
  await stack?.stop();
  await redis?.cleanup();
  await database?.drop();
});

const schedulerIds = async (): Promise<string[]> => (await listSchedules(stack.redis, 'crawler', redis.prefix)).map((s) => s.schedulerId);
const scheduledRuns = async (sourceId: string) =>
  (await stack.db.selectFrom('crawlRun').selectAll().where('sourceId', '=', sourceId).where('triggerJobId', 'is not', null).execute());

describe('scheduler service with the crawler', () => {
  it('turns a source cron into one scheduler whose jobs become crawl runs; restarts add none; pause removes it', async () => {
    const board = (await stack.boards()).find((b) => b.kind === 'greenhouse') ?? (await stack.boards())[0]!;
    const added = await runCli(env, ['sources', 'add', '--kind', board.kind, '--name', board.name, '--config', JSON.stringify(board.config), '--cron', EVERY_3_S]);
    expect(added.stderr).toBe('');
    const source = (await stack.repos.sources.getByName(board.name))!;
    const schedulerId = `source_${source.id}`;
    await expect.poll(schedulerIds, { timeout: 30_000, interval: 250 }).toEqual([schedulerId]);

    // A scheduled job becomes a finished run made by the crawler, keyed by the job's id.
    await expect.poll(async () => (await scheduledRuns(source.id)).filter((r) => r.finishedAt).length, { timeout: 120_000, interval: 500 }).toBeGreaterThan(0);
    const first = (await scheduledRuns(source.id)).find((r) => r.finishedAt)!;
    expect(first.status).toMatch(/succeeded|partial/);
    expect(first.pages).toBeGreaterThan(0);
    expect(first.triggerJobId).toMatch(new RegExp(`^repeat:${schedulerId}:\\d+$`));

    // "crawl now" alongside the schedule, waiting with progress until the run ends.
    const now = await runCli(env, ['crawl', board.name, '--wait', '--timeout', '240', '--json'], 300_000);
    expect(now.code).toBe(0);
    expect((JSON.parse(now.stdout) as { runs: { status: string; triggerJobId: string | null }[] }).runs).toEqual([
      expect.objectContaining({ status: expect.stringMatching(/succeeded|partial/) as string, triggerJobId: null }),
    ]);

    // Restart: the scheduler stops cleanly; with its scheduler gone from Redis, two new
    // instances starting together restore exactly one, with one next job.
    expect(await stack.services.get('scheduler')!.stop('SIGTERM')).toBe(0);
    await removeSchedule(stack.redis, 'crawler', schedulerId, redis.prefix);
    const twins: ServiceProcess[] = [stack.start('scheduler', SCHEDULER_ENV), stack.start('scheduler', SCHEDULER_ENV)];
    await expect.poll(schedulerIds, { timeout: 30_000, interval: 250 }).toEqual([schedulerId]);
    const nextJobs = (await queue.getDelayed()).filter((j) => j.id?.startsWith(`repeat:${schedulerId}:`));
    expect(nextJobs.length).toBeLessThanOrEqual(1);

    // Pausing through the CLI removes the scheduler (on-demand reconcile) and no run follows.
    expect((await runCli(env, ['sources', 'pause', board.name])).code).toBe(0);
    await expect.poll(schedulerIds, { timeout: 30_000, interval: 250 }).toEqual([]);
    await expect.poll(async () => (await scheduledRuns(source.id)).every((r) => r.finishedAt), { timeout: 120_000, interval: 500 }).toBe(true);
    const settled = (await scheduledRuns(source.id)).length;
    await new Promise((r) => setTimeout(r, 7_000)); // more than two cron periods
    expect((await scheduledRuns(source.id)).length).toBe(settled);

    for (const twin of twins) expect(await twin.stop('SIGTERM')).toBe(0);
  }, 600_000);

  it('skips scheduled ticks while the previous run of the source is still going', async () => {
    const boards = await stack.boards();
    const board = boards.find((b) => b.kind !== 'greenhouse') ?? boards[1]!;
    const source = await stack.repos.sources.create({ kind: board.kind, name: board.name, config: board.config as never, cron: null, enabled: true, politeness: {} });
    const manual = await stack.repos.crawlRuns.start(source.id); // "running", with no job behind it
    stack.start('scheduler', SCHEDULER_ENV);
    await stack.repos.sources.update(source.id, { cron: EVERY_3_S });
    await expect.poll(schedulerIds, { timeout: 30_000, interval: 250 }).toContain(`source_${source.id}`);
    // Ticks fire and complete, yet none makes a run while the manual one is open.
    const ticked = async (): Promise<number> => (await queue.getCompleted()).filter((j) => j.id?.startsWith(`repeat:source_${source.id}:`)).length;
    await expect.poll(ticked, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(2);
    expect(await scheduledRuns(source.id)).toEqual([]);

    await stack.repos.crawlRuns.finish(manual.id, { status: 'failed', complete: false, error: 'test' });
    await expect.poll(async () => (await scheduledRuns(source.id)).length, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    await stack.repos.sources.setEnabled(source.id, false);
  }, 300_000);

  it('makes one run per scheduled job id even when the job is delivered twice', async () => {
    const board = (await stack.boards())[2]!;
    const source = await stack.repos.sources.create({ kind: board.kind, name: board.name, config: board.config as never, cron: null, enabled: true, politeness: {} });
    // A job as a scheduler makes it (BullMQ's repeat id, runId null), delivered, then delivered again.
    const jobId = `repeat:source_${source.id}:1764000000000`;
    const deliver = async (): Promise<void> => {
      await (await queue.getJob(jobId))?.remove();
      await queue.add('crawl.source', { sourceId: source.id, runId: null }, { jobId });
      await expect.poll(() => queue.getJobState(jobId), { timeout: 60_000, interval: 250 }).toBe('completed');
    };
    await deliver();
    await expect.poll(async () => (await scheduledRuns(source.id)).map((r) => Boolean(r.finishedAt)), { timeout: 120_000, interval: 500 }).toEqual([true]);
    const [run] = await scheduledRuns(source.id);
    expect(run).toMatchObject({ triggerJobId: jobId, status: expect.stringMatching(/succeeded|partial/) as string });
    await deliver();
    expect((await scheduledRuns(source.id)).map((r) => r.id)).toEqual([run!.id]);
  }, 300_000);
});
