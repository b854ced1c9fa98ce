import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobCatalog, QUEUE_NAMES } from './catalog.ts';
import type { JobName, PayloadInputOf, QueueName } from './catalog.ts';
import { DEFAULT_QUEUE_PREFIX } from './connection.ts';
import { parsePayload } from './payload.ts';
import { jobOptionsFor } from './producer.ts';

// Operator-facing views over the queues (CLI, API, scheduler service). Each call opens
// short-lived Queue objects on the caller's connection and closes them again.

export interface QueueCounts {
  waiting: number; active: number; delayed: number; prioritized: number;
  failed: number; completed: number;
}

async function withQueue<T>(connection: Redis, prefix: string | undefined, name: QueueName, use: (q: Queue) => Promise<T>): Promise<T> {
  const queue = new Queue(name, { connection, prefix: prefix ?? DEFAULT_QUEUE_PREFIX });
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}

export async function getQueueCounts(connection: Redis, prefix?: string): Promise<Record<QueueName, QueueCounts>> {
  const entries = await Promise.all(QUEUE_NAMES.map((name) => withQueue(connection, prefix, name, async (q) => {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
    const counts: QueueCounts = {
      waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, prioritized: c.prioritized ?? 0,
      failed: c.failed ?? 0, completed: c.completed ?? 0,
    };
    return [name, counts] as const;
  })));
  return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
}

function pendingOf(all: Record<QueueName, QueueCounts>): number {
  return Object.values(all).reduce((sum, c) => sum + c.waiting + c.active + c.delayed + c.prioritized, 0);
}

export interface WaitUntilDrainedOptions {
  connection: Redis;
  prefix?: string;
  timeoutMs: number;
  pollMs?: number;
  onProgress?: (counts: Record<QueueName, QueueCounts>) => void;
}

/**
 * Resolves when no queue has waiting, active, delayed or prioritized jobs in two
 * consecutive polls (one empty poll can fall between a job finishing and the job it
 * enqueues appearing). Rejects after timeoutMs with the last counts.
 */
export async function waitUntilDrained(options: WaitUntilDrainedOptions): Promise<Record<QueueName, QueueCounts>> {
  const deadline = Date.now() + options.timeoutMs;
  let emptyPolls = 0;
  for (;;) {
    const counts = await getQueueCounts(options.connection, options.prefix);
    options.onProgress?.(counts);
    emptyPolls = pendingOf(counts) === 0 ? emptyPolls + 1 : 0;
    if (emptyPolls >= 2) return counts;
    if (Date.now() >= deadline) {
      throw new Error(`queues not drained after ${options.timeoutMs} ms: ${JSON.stringify(counts)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

export interface FailedJobView {
  id: string; name: string; failedReason: string; attemptsMade: number; finishedOn: number | null;
}

export async function listFailed(connection: Redis, queue: QueueName, limit = 50, prefix?: string): Promise<FailedJobView[]> {
  return withQueue(connection, prefix, queue, async (q) => {
    const jobs = await q.getFailed(0, Math.max(0, limit - 1));
    return jobs.map((job) => ({
      id: job.id ?? '', name: job.name, failedReason: job.failedReason ?? '',
      attemptsMade: job.attemptsMade, finishedOn: job.finishedOn ?? null,
    }));
  });
}

/** Moves one failed job back to wait with its attempts reset. Returns false when it is not failed. */
export async function retryFailed(connection: Redis, queue: QueueName, jobId: string, prefix?: string): Promise<boolean> {
  return withQueue(connection, prefix, queue, async (q) => {
    const job = await q.getJob(jobId);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  });
}

export interface ScheduleView {
  schedulerId: string; jobName: string; cron: string | null; next: number | null;
}

/** Creates or updates a cron job scheduler by id: upserting twice leaves one scheduler. */
export async function upsertSchedule<N extends JobName>(
  connection: Redis, queue: QueueName, schedulerId: string, cron: string, jobName: N,
  payload: PayloadInputOf<N>, options: { prefix?: string; tz?: string } = {},
): Promise<void> {
  if (jobCatalog[jobName].queue !== queue) throw new Error(`job "${jobName}" does not belong to queue "${queue}"`);
  const data = parsePayload(jobName, payload);
  // Scheduler jobs get BullMQ's own ids (repeat:<scheduler>:<time>), not the catalog id.
  const { jobId: _ignored, delay: _none, ...opts } = jobOptionsFor(jobName, data, undefined, undefined);
  await withQueue(connection, options.prefix, queue, async (q) => {
    await q.upsertJobScheduler(schedulerId, { pattern: cron, ...(options.tz ? { tz: options.tz } : {}) }, { name: jobName, data, opts });
  });
}

export async function removeSchedule(connection: Redis, queue: QueueName, schedulerId: string, prefix?: string): Promise<boolean> {
  return withQueue(connection, prefix, queue, (q) => q.removeJobScheduler(schedulerId));
}

export async function listSchedules(connection: Redis, queue: QueueName, prefix?: string): Promise<ScheduleView[]> {
  return withQueue(connection, prefix, queue, async (q) => {
    const all = await q.getJobSchedulers(0, -1, true);
    return all.map((s) => ({ schedulerId: s.key, jobName: s.name, cron: s.pattern ?? null, next: s.next ?? null }));
  });
}

/** Deletes every key under `<prefix>:` (tests, demo resets). Refuses the production prefix. */
export async function deletePrefixKeys(connection: Redis, prefix: string): Promise<number> {
  if (!prefix || prefix === DEFAULT_QUEUE_PREFIX) throw new Error(`refusing to delete keys of prefix "${prefix}"`);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) deleted += await connection.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
