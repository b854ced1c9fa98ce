import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { RetryableError } from '@himatch/core';
import { HIMATCH_BACKOFF, jobCatalog } from './catalog.ts';
import type { JobName, PayloadInputOf, QueueName, RetryPolicy } from './catalog.ts';
import { DEFAULT_QUEUE_PREFIX, waitUntilReady } from './connection.ts';
import { silentLogger } from './logger.ts';
import type { QueueLogger } from './logger.ts';
import { parsePayload } from './payload.ts';

// Completed jobs are removed after a day / 1000 jobs to bound Redis memory. Tradeoff:
// the job id dedupes only while the job is still in Redis; once removed, the same id
// can run again. That is acceptable because every step is idempotent (upserts on
// natural keys), so a re-run changes nothing. Failed jobs are kept longer for triage.
const REMOVE_ON_COMPLETE = { age: 24 * 3600, count: 1000 };
const REMOVE_ON_FAIL = { age: 14 * 24 * 3600, count: 10_000 };

export interface EnqueueOptions {
  delayMs?: number;
}

export type EnqueueItem = {
  [N in JobName]: { name: N; payload: PayloadInputOf<N>; delayMs?: number };
}[JobName];

export interface Producer {
  /** Validates the payload, derives the job id and adds the job; returns the job id. */
  enqueue<N extends JobName>(name: N, payload: PayloadInputOf<N>, opts?: EnqueueOptions): Promise<string>;
  /** Validates every item first (all or nothing), then adds them per queue in bulk. */
  enqueueMany(items: readonly EnqueueItem[]): Promise<string[]>;
  /** Closes the queues; the connection stays open (its owner quits it). */
  close(): Promise<void>;
}

export interface ProducerOptions {
  /** A `producer` connection from createRedisConnection; owned by the caller. */
  connection: Redis;
  prefix?: string;
  /** Per-job retry overrides (tests, demo mode); defaults come from the catalog. */
  retryOverrides?: { [N in JobName]?: Partial<RetryPolicy> };
  /**
   * How long an enqueue waits for a connection that is not ready (start-up, reconnect)
   * before failing with RetryableError 'redis_unavailable'. Default 2000 ms.
   */
  readyTimeoutMs?: number;
  logger?: QueueLogger;
}

export function createProducer(options: ProducerOptions): Producer {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = new Map<QueueName, Queue>();
  const queueFor = (name: QueueName): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: options.connection, prefix });
      // Connection errors surface as a failed enqueue; without a listener they are printed.
      queue.on('error', (err) => (options.logger ?? silentLogger).warn({ queue: name, reason: err.message }, 'queue error'));
      queues.set(name, queue);
    }
    return queue;
  };
  const prepare = (item: EnqueueItem): { queue: QueueName; name: JobName; data: unknown; opts: JobsOptions } => {
    const payload = parsePayload(item.name, item.payload);
    const opts = jobOptionsFor(item.name, payload, options.retryOverrides?.[item.name], item.delayMs);
    return { queue: jobCatalog[item.name].queue, name: item.name, data: payload, opts };
  };

  // BullMQ waits for a connection that is not ready yet, even with the offline queue off,
  // so an enqueue while Redis is down at start would hang: bound that wait here.
  const ensureReady = async (): Promise<void> => {
    try {
      await waitUntilReady(options.connection, options.readyTimeoutMs ?? 2_000);
    } catch (err) {
      throw new RetryableError('redis_unavailable', `job not enqueued: ${(err as Error).message}`, { cause: err });
    }
  };

  return {
    async enqueue(name, payload, opts) {
      const job = prepare({ name, payload, delayMs: opts?.delayMs } as EnqueueItem);
      await ensureReady();
      const added = await queueFor(job.queue).add(job.name, job.data, job.opts);
      return added.id ?? String(job.opts.jobId);
    },
    async enqueueMany(items) {
      const prepared = items.map(prepare);
      if (prepared.length === 0) return [];
      await ensureReady();
      const ids = new Map<number, string>();
      for (const queue of new Set(prepared.map((p) => p.queue))) {
        const batch = prepared.map((p, index) => ({ p, index })).filter(({ p }) => p.queue === queue);
        // One job (a detail page's posting) is one script call; addBulk wraps even one in a MULTI.
        const added = batch.length === 1
          ? [await queueFor(queue).add(batch[0]!.p.name, batch[0]!.p.data, batch[0]!.p.opts)]
          : await queueFor(queue).addBulk(batch.map(({ p }) => ({ name: p.name, data: p.data, opts: p.opts })));
        batch.forEach(({ p, index }, i) => ids.set(index, added[i]?.id ?? String(p.opts.jobId)));
      }
      return prepared.map((p, index) => ids.get(index) ?? String(p.opts.jobId));
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}

export function jobOptionsFor(
  name: JobName,
  payload: unknown,
  override: Partial<RetryPolicy> | undefined,
  delayMs: number | undefined,
): JobsOptions {
  const spec = jobCatalog[name];
  const policy = { ...spec, ...override };
  const jobId = (spec.jobId as (p: unknown) => string)(payload);
  return {
    jobId,
    attempts: policy.attempts,
    backoff: { type: HIMATCH_BACKOFF, delay: policy.backoffDelayMs, jitter: policy.jitter },
    ...(delayMs && delayMs > 0 ? { delay: delayMs } : {}),
    removeOnComplete: REMOVE_ON_COMPLETE,
    removeOnFail: REMOVE_ON_FAIL,
  };
}
