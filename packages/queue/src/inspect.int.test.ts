import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import {
  createProducer, defineHandlers, getQueueCounts, listFailed, listSchedules, removeSchedule, retryFailed, runWorkers,
  upsertSchedule, waitUntilDrained,
} from './index.ts';
import type { Producer } from './index.ts';
import { createRedisTestKit } from '../test/support.ts';
import type { RedisTestKit } from '../test/support.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SOURCE = '0b9e8d7c-6a5f-4e3d-8c1b-a09f8e7d6c5b';
const RUN = '6f1c2a34-8d7e-4b1a-9c3d-2e5f6a7b8c9d';

let kit: RedisTestKit;
let producer: Producer;

beforeAll(async () => {
  kit = await createRedisTestKit(REDIS_URL, 'inspect');
  producer = createProducer({ connection: await kit.producerConnection(), prefix: kit.prefix });
});

afterAll(async () => {
  await producer.close();
  await kit.cleanup();
});

describe('schedules', () => {
  it('upserts a scheduler idempotently and removes it', async () => {
    const payload = { sourceId: SOURCE, runId: RUN };
    await upsertSchedule(kit.redis, 'crawler', `source-${SOURCE}`, '0 3 * * *', 'crawl.source', payload, { prefix: kit.prefix });
    await upsertSchedule(kit.redis, 'crawler', `source-${SOURCE}`, '0 4 * * *', 'crawl.source', payload, { prefix: kit.prefix });
    const schedules = await listSchedules(kit.redis, 'crawler', kit.prefix);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ schedulerId: `source-${SOURCE}`, jobName: 'crawl.source', cron: '0 4 * * *' });
    // The scheduler keeps exactly one next job waiting in delayed.
    expect((await getQueueCounts(kit.redis, kit.prefix)).crawler.delayed).toBe(1);

    expect(await removeSchedule(kit.redis, 'crawler', `source-${SOURCE}`, kit.prefix)).toBe(true);
    expect(await listSchedules(kit.redis, 'crawler', kit.prefix)).toEqual([]);
    expect(await removeSchedule(kit.redis, 'crawler', `source-${SOURCE}`, kit.prefix)).toBe(false);
  });

  it('rejects a job of another queue and an invalid payload', async () => {
    await expect(upsertSchedule(kit.redis, 'alerts', 'x', '* * * * *', 'crawl.source', { sourceId: SOURCE, runId: RUN }, { prefix: kit.prefix }))
      .rejects.toThrow(/does not belong to queue "alerts"/);
    await expect(upsertSchedule(kit.redis, 'crawler', 'x', '* * * * *', 'crawl.source', { sourceId: 'x', runId: RUN }, { prefix: kit.prefix }))
      .rejects.toThrow(/crawl\.source\.sourceId/);
    expect(await listSchedules(kit.redis, 'crawler', kit.prefix)).toEqual([]);
  });
});

describe('failed jobs', () => {
  it('lists a failed job and retries it', async () => {
    let shouldFail = true;
    const runs: number[] = [];
    const runner = await runWorkers({
      connection: kit.workerConnection, prefix: kit.prefix,
      consumers: [defineHandlers('alerts', {
        'alert.deliver': async () => {
          runs.push(Date.now());
          if (shouldFail) throw new PermanentError('smtp_rejected', 'mailbox unavailable');
        },
      })],
    });
    const jobId = await producer.enqueue('alert.deliver', { alertId: RUN });
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    const failed = await listFailed(kit.redis, 'alerts', 10, kit.prefix);
    expect(failed).toEqual([expect.objectContaining({ id: jobId, name: 'alert.deliver', failedReason: 'smtp_rejected: mailbox unavailable' })]);

    shouldFail = false;
    expect(await retryFailed(kit.redis, 'alerts', jobId, kit.prefix)).toBe(true);
    const counts = await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await runner.close();
    expect(runs).toHaveLength(2);
    expect(counts.alerts).toMatchObject({ failed: 0, completed: 1 });
    expect(await retryFailed(kit.redis, 'alerts', jobId, kit.prefix)).toBe(false);
    expect(await retryFailed(kit.redis, 'alerts', 'no-such-job', kit.prefix)).toBe(false);
  });
});
