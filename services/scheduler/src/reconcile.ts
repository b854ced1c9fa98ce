import type { Redis } from 'ioredis';
import type { SourceRepository } from '@himatch/db';
import { listSchedules, removeSchedule, upsertSchedule } from '@himatch/queue';
import type { Logger } from '@himatch/runtime';
import { cronProblem } from './cron.ts';
import { planSchedules, type InvalidCron } from './plan.ts';

export interface ReconcileDeps {
  sources: Pick<SourceRepository, 'list'>;
  /** A `worker` connection: a reconcile during a Redis outage waits for it to come back. */
  connection: Redis;
  prefix: string;
  logger: Logger;
}

export interface ReconcileResult {
  upserted: string[];
  removed: string[];
  unchanged: number;
  invalid: InvalidCron[];
}

/**
 * Makes the `crawler` queue's job schedulers match the `source` rows (STYLE habit 6): one
 * scheduler `source_<id>` per enabled source with a valid cron, producing `crawl.source`
 * with `runId: null` (the crawler creates the run per job); every other `source_*` removed.
 * Upserting by id makes a second run, a restart or a second instance create no duplicate.
 */
export async function reconcileSchedules(deps: ReconcileDeps): Promise<ReconcileResult> {
  const [sources, existing] = await Promise.all([deps.sources.list(), listSchedules(deps.connection, 'crawler', deps.prefix)]);
  const plan = planSchedules(sources, existing, cronProblem);
  for (const u of plan.upserts) {
    await upsertSchedule(deps.connection, 'crawler', u.schedulerId, u.cron, 'crawl.source', { sourceId: u.sourceId, runId: null }, { prefix: deps.prefix });
  }
  for (const schedulerId of plan.removals) await removeSchedule(deps.connection, 'crawler', schedulerId, deps.prefix);
  for (const bad of plan.invalid) {
    deps.logger.warn({ sourceId: bad.sourceId, cron: bad.cron, problem: bad.problem }, 'source has an invalid cron: not scheduled');
  }
  const result = { upserted: plan.upserts.map((u) => u.schedulerId), removed: plan.removals, unchanged: plan.unchanged, invalid: plan.invalid };
  if (result.upserted.length > 0 || result.removed.length > 0) {
    deps.logger.info({ upserted: result.upserted, removed: result.removed, unchanged: result.unchanged }, 'schedules reconciled');
  }
  return result;
}
