import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { PermanentError, RetryableError } from '@himatch/core';
import { createProducer, defineHandlers, listFailed, runWorkers, waitUntilDrained } from './index.ts';
import type { FinalFailure, Producer, WorkerRunner } from './index.ts';
import { createRedisTestKit, sleep, waitFor } from '../test/support.ts';
import type { RedisTestKit } from '../test/support.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ids = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

let kit: RedisTestKit;
let producer: Producer;

beforeAll(async () => {
  kit = await createRedisTestKit(REDIS_URL, 'runner');
  producer = createProducer({
    connection: await kit.producerConnection(), prefix: kit.prefix,
    // Tiny base backoff so that only Retry-After can explain a long gap between attempts.
    retryOverrides: { 'match.candidate': { backoffDelayMs: 10, jitter: 0 }, 'match.listing': { backoffDelayMs: 10, jitter: 0 } },
  });
});

afterAll(async () => {
  await producer.close();
  await kit.cleanup();
});

function matcherRunner(handlers: Parameters<typeof defineHandlers<'matcher'>>[1]): Promise<WorkerRunner> {
  return runWorkers({ connection: kit.workerConnection, prefix: kit.prefix, consumers: [defineHandlers('matcher', handlers)] });
}

describe('worker runner', () => {
  it('does not retry a PermanentError and keeps its reason', async () => {
    let calls = 0;
    const runner = await matcherRunner({
      'match.listing': async () => { calls++; throw new PermanentError('listing_gone', 'listing was deleted'); },
      'match.candidate': async () => {},
    });
    const jobId = await producer.enqueue('match.listing', { listingId: ids[0]!, contentHash: 'h1' });
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await runner.close();
    const failed = (await listFailed(kit.redis, 'matcher', 10, kit.prefix)).find((j) => j.id === jobId);
    expect(calls).toBe(1);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toBe('listing_gone: listing was deleted');
  });

  it('retries a RetryableError no sooner than its retryAfterMs', async () => {
    const starts: number[] = [];
    const runner = await matcherRunner({
      'match.listing': async () => {},
      'match.candidate': async (_p, ctx) => {
        starts.push(Date.now());
        if (ctx.attemptsMade === 0) throw new RetryableError('http_429', 'busy', { retryAfterMs: 300 });
        return 'ok';
      },
    });
    await producer.enqueue('match.candidate', { candidateId: ids[1]! });
    await waitFor(async () => starts.length === 2, 10_000, 'the retry');
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await runner.close();
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(300);
  });

  it('retries other errors with the catalog backoff until attempts run out', async () => {
    let calls = 0;
    const runner = await matcherRunner({
      'match.listing': async () => { calls++; throw new Error('db hiccup'); },
      'match.candidate': async () => {},
    });
    const jobId = await producer.enqueue('match.listing', { listingId: ids[2]!, contentHash: 'h2' });
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await runner.close();
    const failed = (await listFailed(kit.redis, 'matcher', 10, kit.prefix)).find((j) => j.id === jobId);
    expect(calls).toBe(3);
    expect(failed?.attemptsMade).toBe(3);
    expect(failed?.failedReason).toBe('db hiccup');
  });

  it('tells the service once when a job fails for good, not on the attempts before', async () => {
    const finals: FinalFailure[] = [];
    let calls = 0;
    const runner = await runWorkers({
      connection: kit.workerConnection, prefix: kit.prefix,
      consumers: [defineHandlers('matcher', { 'match.listing': async () => { calls++; throw new Error('still broken'); }, 'match.candidate': async () => {} })],
      onFinalFailure: async (failure) => { finals.push(failure); },
    });
    const listingId = ids[4]!;
    await producer.enqueue('match.listing', { listingId, contentHash: 'h-final' });
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await waitFor(async () => finals.length > 0, 5_000, 'the final-failure hook');
    await runner.close();
    expect(calls).toBe(3);
    expect(finals).toHaveLength(1);
    expect(finals[0]).toMatchObject({ name: 'match.listing', payload: { listingId, contentHash: 'h-final' }, reason: 'still broken' });
  });

  it('fails unknown job names and invalid payloads unrecoverably at the processor boundary', async () => {
    const raw = new Queue('matcher', { connection: kit.redis, prefix: kit.prefix });
    await raw.add('match.everything', { x: 1 }, { jobId: 'stray-1', attempts: 5 });
    await raw.add('match.candidate', { candidateId: 'not-a-uuid' }, { jobId: 'stray-2', attempts: 5 });
    await raw.close();
    let calls = 0;
    const runner = await matcherRunner({ 'match.listing': async () => {}, 'match.candidate': async () => { calls++; } });
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000 });
    await runner.close();
    const failed = await listFailed(kit.redis, 'matcher', 50, kit.prefix);
    const stray1 = failed.find((j) => j.id === 'stray-1');
    const stray2 = failed.find((j) => j.id === 'stray-2');
    expect(stray1).toMatchObject({ attemptsMade: 1, failedReason: 'no handler for job "match.everything" on queue "matcher"' });
    expect(stray2?.attemptsMade).toBe(1);
    expect(stray2?.failedReason).toMatch(/^invalid payload: match\.candidate\.candidateId/);
    expect(calls).toBe(0);
  });

  it('refuses to start with two consumers of one queue', async () => {
    const consumer = defineHandlers('alerts', { 'alert.deliver': async () => {} });
    await expect(runWorkers({ connection: kit.workerConnection, prefix: kit.prefix, consumers: [consumer, consumer] }))
      .rejects.toThrow(/more than one consumer/);
  });

  it('close() waits for an in-flight job before closing', async () => {
    let started = false;
    let finished = false;
    const runner = await runWorkers({
      connection: kit.workerConnection, prefix: kit.prefix,
      consumers: [defineHandlers('alerts', { 'alert.deliver': async () => { started = true; await sleep(700); finished = true; } })],
    });
    await producer.enqueue('alert.deliver', { alertId: ids[3]! });
    await waitFor(async () => started, 10_000, 'the job to start');
    const closedAt = runner.close({ timeoutMs: 10_000 }).then(() => finished);
    expect(await closedAt).toBe(true);
    const counts = await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 5_000 });
    expect(counts.alerts.completed).toBe(1);
  });

  it('waitUntilDrained waits for delayed jobs and reports progress', async () => {
    const done: string[] = [];
    const runner = await runWorkers({
      connection: kit.workerConnection, prefix: kit.prefix,
      consumers: [defineHandlers('alerts', { 'alert.deliver': async (p) => { done.push(p.alertId); } })],
    });
    await producer.enqueue('alert.deliver', { alertId: ids[4]! }, { delayMs: 400 });
    await producer.enqueue('alert.deliver', { alertId: ids[5]! });
    let polls = 0;
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 10_000, pollMs: 50, onProgress: () => { polls++; } });
    expect(done.sort()).toEqual([ids[4], ids[5]]);
    expect(polls).toBeGreaterThan(2);
    await runner.close();
  });
});
