import { jobCatalog, jobNamesOf, QUEUE_NAMES } from './catalog.ts';
import type { JobName, JobNamesOf, PayloadOf, QueueName } from './catalog.ts';
import type { QueueLogger } from './logger.ts';

export interface HandlerContext {
  jobId: string;
  /** Attempts that already failed before this one (0 on the first run). */
  attemptsMade: number;
  /** Logger bound to jobId, jobName and queue. */
  log: QueueLogger;
}

export type JobHandler<N extends JobName> = (payload: PayloadOf<N>, ctx: HandlerContext) => Promise<unknown>;

/** Exactly one handler per job name of queue Q: a missing or foreign name does not compile. */
export type QueueHandlers<Q extends QueueName> = { [N in JobNamesOf<Q>]: JobHandler<N> };

export interface ConsumerOptions {
  concurrency?: number;
}

export type QueueConsumer = {
  [Q in QueueName]: { queue: Q; handlers: QueueHandlers<Q>; concurrency: number };
}[QueueName];

/**
 * Declares that a service consumes `queue` with these handlers. The type requires a
 * handler for every job name of that queue and rejects names of other queues; the
 * runtime check repeats that for callers that went through `any`.
 */
export function defineHandlers<Q extends QueueName>(
  queue: Q,
  handlers: QueueHandlers<Q>,
  options: ConsumerOptions = {},
): QueueConsumer {
  assertHandlersComplete(queue, handlers);
  return { queue, handlers, concurrency: options.concurrency ?? 1 } as QueueConsumer;
}

export function assertHandlersComplete(queue: QueueName, handlers: object): void {
  if (!QUEUE_NAMES.includes(queue)) throw new Error(`unknown queue "${queue}"`);
  const expected = jobNamesOf(queue);
  const given = Object.keys(handlers);
  const missing = expected.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
  const foreign = given.filter((name) => !(expected as string[]).includes(name));
  const problems = [
    ...missing.map((name) => `missing handler for "${name}"`),
    ...foreign.map((name) => `"${name}" is not a job of queue "${queue}"${name in jobCatalog ? '' : ' (unknown job)'}`),
  ];
  if (problems.length > 0) throw new Error(`queue "${queue}": ${problems.join('; ')}`);
}

/** Every queue must be consumed at most once per runner, so each job name has one handler. */
export function assertConsumersDistinct(consumers: readonly QueueConsumer[]): void {
  const seen = new Set<QueueName>();
  for (const consumer of consumers) {
    if (seen.has(consumer.queue)) throw new Error(`queue "${consumer.queue}" has more than one consumer`);
    seen.add(consumer.queue);
    assertHandlersComplete(consumer.queue, consumer.handlers);
  }
}
