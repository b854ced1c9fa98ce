import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobCatalog, isJobName } from './catalog.ts';
import type { JobName, QueueName } from './catalog.ts';
import { himatchBackoff, toBullmqError } from './backoff.ts';
import { closeRedisConnection, DEFAULT_QUEUE_PREFIX } from './connection.ts';
import { assertConsumersDistinct } from './handlers.ts';
import type { HandlerContext, QueueConsumer } from './handlers.ts';
import { bindLogger, silentLogger } from './logger.ts';
import type { QueueLogger } from './logger.ts';
import { parsePayload } from './payload.ts';

export interface RunWorkersOptions {
  /** Creates a `worker` connection; called once per consumed queue. The runner quits them. */
  connection: () => Redis;
  prefix?: string;
  consumers: readonly QueueConsumer[];
  logger?: QueueLogger;
  /** Lock lease of an active job; a worker that dies loses its jobs after this. */
  lockDurationMs?: number;
  /** How often stalled (lock-expired) jobs are looked for and moved back to wait. */
  stalledIntervalMs?: number;
  /** How many times a job may stall (its worker died or starved) before it fails for good. Default 2. */
  maxStalledCount?: number;
  /**
   * Called once a job has failed for good (attempts used up, unrecoverable, or stalled too
   * often), so the service can record the failure where its users look (e.g. a crawl page).
   */
  onFinalFailure?: (failure: FinalFailure) => Promise<void>;
}

export interface FinalFailure {
  name: JobName;
  payload: unknown;
  jobId: string;
  reason: string;
}

export interface CloseOptions {
  /** How long in-flight jobs may run on; after that they are released (stalled) for another worker. */
  timeoutMs?: number;
}

export interface WorkerRunner {
  readonly workers: ReadonlyMap<QueueName, Worker>;
  close(options?: CloseOptions): Promise<void>;
}

export async function runWorkers(options: RunWorkersOptions): Promise<WorkerRunner> {
  assertConsumersDistinct(options.consumers);
  const logger = options.logger ?? silentLogger;
  const connections: Redis[] = [];
  const workers = new Map<QueueName, Worker>();
  for (const consumer of options.consumers) {
    const connection = options.connection();
    connections.push(connection);
    const worker = new Worker(consumer.queue, (job) => processJob(consumer, job, logger), {
      connection,
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
      concurrency: consumer.concurrency,
      settings: { backoffStrategy: himatchBackoff },
      maxStalledCount: options.maxStalledCount ?? 2,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    });
    watchWorker(worker, consumer.queue, logger, options.onFinalFailure);
    workers.set(consumer.queue, worker);
  }
  await Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
  logger.info({ queues: [...workers.keys()] }, 'workers started');
  let closing: Promise<void> | undefined;
  return {
    workers,
    close(closeOptions) {
      closing ??= closeRunner([...workers.values()], connections, logger, closeOptions?.timeoutMs ?? 30_000);
      return closing;
    },
  };
}

async function processJob(consumer: QueueConsumer, job: Job, logger: QueueLogger): Promise<unknown> {
  const jobId = job.id ?? '';
  const log = bindLogger(logger, { jobId, jobName: job.name, queue: consumer.queue });
  const handler = (consumer.handlers as Record<string, unknown>)[job.name];
  if (!isJobName(job.name) || jobCatalog[job.name].queue !== consumer.queue || typeof handler !== 'function') {
    throw new UnrecoverableError(`no handler for job "${job.name}" on queue "${consumer.queue}"`);
  }
  let payload: unknown;
  try {
    payload = parsePayload(job.name, job.data);
  } catch (err) {
    throw new UnrecoverableError(`invalid payload: ${(err as Error).message}`);
  }
  const ctx: HandlerContext = { jobId, attemptsMade: job.attemptsMade, log };
  try {
    return await (handler as (p: unknown, c: HandlerContext) => Promise<unknown>)(payload, ctx);
  } catch (err) {
    throw toBullmqError(err);
  }
}

function watchWorker(worker: Worker, queue: QueueName, logger: QueueLogger, onFinalFailure: RunWorkersOptions['onFinalFailure']): void {
  worker.on('failed', (job, err) => {
    const fields = { queue, jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, reason: err.message };
    logger.warn(fields, 'job failed');
    if (!job || !onFinalFailure || !isJobName(job.name) || !isFinalFailure(job, err)) return;
    onFinalFailure({ name: job.name, payload: job.data, jobId: job.id ?? '', reason: err.message }).catch((hookErr: unknown) =>
      logger.error({ ...fields, hookError: hookErr instanceof Error ? hookErr.message : String(hookErr) }, 'final-failure hook failed'),
    );
  });
  worker.on('error', (err) => logger.error({ queue, reason: err.message }, 'worker error'));
}

function isFinalFailure(job: Job, err: Error): boolean {
  return err.name === 'UnrecoverableError' || /stalled/i.test(err.message) || job.attemptsMade >= (job.opts.attempts ?? 1);
}

async function closeRunner(workers: Worker[], connections: Redis[], logger: QueueLogger, timeoutMs: number): Promise<void> {
  // pause() stops fetching and resolves when the in-flight jobs are done.
  const drained = Promise.all(workers.map((w) => w.pause(false))).then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
  const finished = await Promise.race([drained, timedOut]);
  clearTimeout(timer);
  if (!finished) logger.warn({ timeoutMs }, 'in-flight jobs did not finish in time; releasing them');
  // A forced close leaves unfinished jobs locked; their lock expires and the stalled
  // checker of another worker moves them back to wait.
  await Promise.all(workers.map((w) => w.close(!finished)));
  await Promise.all(connections.map(closeRedisConnection));
  logger.info({}, 'workers closed');
}
