import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryableError, ValidationError } from '@himatch/core';
import { closeRedisConnection, createProducer, createRedisConnection, defineHandlers, getQueueCounts, runWorkers, waitUntilDrained } from './index.ts';
import type { Producer } from './index.ts';
import { createRedisTestKit, waitFor } from '../test/support.ts';
import type { RedisTestKit } from '../test/support.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SOURCE = '0b9e8d7c-6a5f-4e3d-8c1b-a09f8e7d6c5b';
const RUN = '6f1c2a34-8d7e-4b1a-9c3d-2e5f6a7b8c9d';

let kit: RedisTestKit;
let producer: Producer;

beforeAll(async () => {
  kit = await createRedisTestKit(REDIS_URL, 'producer');
  producer = createProducer({ connection: await kit.producerConnection(), prefix: kit.prefix });
});

afterAll(async () => {
  await producer.close();
  await kit.cleanup();
});

describe('producer', () => {
  it('runs a job once when it is enqueued twice with the same id', async () => {
    const payload = { postings: [{ rawPostingId: SOURCE, contentHash: 'c0ffee' }], runId: RUN };
    const first = await producer.enqueue('posting.normalize', payload);
    const second = await producer.enqueue('posting.normalize', { ...payload });
    expect(second).toBe(first);
    expect(first).toBe(`posting.normalize_${SOURCE}_c0ffee`);

    const runs: string[] = [];
    const runner = await runWorkers({
      connection: kit.workerConnection, prefix: kit.prefix,
      consumers: [defineHandlers('normalizer', { 'posting.normalize': async (p) => { runs.push(...p.postings.map((x) => x.rawPostingId)); } })],
    });
    // A third enqueue while/after it runs is still deduplicated by the kept completed job.
    await waitFor(async () => runs.length > 0, 10_000, 'the job to run');
    expect(await producer.enqueue('posting.normalize', payload)).toBe(first);
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await runner.close();
    expect(runs).toEqual([SOURCE]);
    expect((await getQueueCounts(kit.redis, kit.prefix)).normalizer.completed).toBe(1);
  });

  it('rejects an invalid payload at enqueue, naming the field, and adds nothing', async () => {
    const bad = producer.enqueue('crawl.source', { sourceId: SOURCE, runId: 'not-a-uuid' });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toThrow(/crawl\.source\.runId/);
    // @ts-expect-error the type also rejects a missing field
    await expect(producer.enqueue('alert.deliver', {})).rejects.toThrow(/alert\.deliver\.alertId/);
    const counts = await getQueueCounts(kit.redis, kit.prefix);
    expect(counts.crawler.waiting + counts.alerts.waiting).toBe(0);
  });

  it('enqueues many jobs across queues, all or nothing', async () => {
    const request = { url: 'https://board.test/jobs?page=2', role: 'list' as const, step: 'page' };
    const ids = await producer.enqueueMany([
      { name: 'crawl.page', payload: { sourceId: SOURCE, runId: RUN, requests: [request] } },
      { name: 'crawl.page', payload: { sourceId: SOURCE, runId: RUN, requests: [{ ...request, meta: { page: 2 } }] } },
      { name: 'alert.deliver', payload: { alertId: RUN }, delayMs: 60_000 },
    ]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(`alert.deliver_${RUN}`);
    let counts = await getQueueCounts(kit.redis, kit.prefix);
    expect(counts.crawler.waiting).toBe(1);
    expect(counts.alerts.delayed).toBe(1);

    await expect(producer.enqueueMany([
      { name: 'match.candidate', payload: { candidateId: SOURCE } },
      { name: 'match.candidate', payload: { candidateId: 'x' } },
    ])).rejects.toThrow(/match\.candidate\.candidateId/);
    counts = await getQueueCounts(kit.redis, kit.prefix);
    expect(counts.matcher.waiting).toBe(0);
  });

  it('fails fast with a RetryableError when Redis is unreachable', async () => {
    const dead = createRedisConnection('redis://127.0.0.1:1', { role: 'producer' });
    dead.on('error', () => {}); // refused connects are expected here
    const offline = createProducer({ connection: dead, prefix: kit.prefix, readyTimeoutMs: 300 });
    const startedAt = Date.now();
    const error: unknown = await offline.enqueue('alert.deliver', { alertId: RUN }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).code).toBe('redis_unavailable');
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await offline.close();
    await closeRedisConnection(dead);
  });
});
