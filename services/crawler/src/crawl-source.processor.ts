import { getAdapter } from '@himatch/sources';
import { isRetryable } from '@himatch/core';
import type { PayloadOf } from '@himatch/queue';
import type { CrawlDeps } from './deps.ts';
import { schedulePages } from './crawl-ledger.ts';
import { finishRunIfDone } from './finish-run.ts';

/** crawl.source: checks the source may be crawled now and schedules the adapter's first requests. */
export async function crawlSource(deps: CrawlDeps, payload: PayloadOf<'crawl.source'>, ctx: { jobId: string }): Promise<void> {
  const { sourceId } = payload;
  const runId = payload.runId ?? (await startScheduledRun(deps, sourceId, ctx.jobId));
  if (!runId) return;
  const run = await deps.repos.crawlRuns.get(runId);
  if (!run || run.finishedAt) return;
  const source = await deps.repos.sources.getById(sourceId);
  const refuse = async (error: string): Promise<void> => {
    await deps.repos.crawlRuns.finish(runId, { status: 'failed', complete: false, error });
  };
  if (!source) return refuse('source was deleted');
  if (!source.enabled) return refuse('source is paused');
  if (source.cooldownUntil && source.cooldownUntil.getTime() > Date.now()) {
    return refuse(`source is cooling down until ${source.cooldownUntil.toISOString()} after ${source.consecutiveFailures} failed runs`);
  }
  const adapter = getAdapter(source.kind);
  let requests;
  try {
    requests = adapter.start(adapter.configSchema.parse(source.config));
  } catch (error) {
    if (isRetryable(error) && !(error instanceof Error && error.name === 'ZodError')) throw error;
    return refuse(`bad source config: ${error instanceof Error ? error.message : String(error)}`);
  }
  const scheduled = await schedulePages(deps, sourceId, runId, requests);
  if (scheduled === 0) await finishRunIfDone(deps, sourceId, runId);
}

const OVERLAP_LIMIT_MS = 6 * 3600_000;

/**
 * A job from a source's job scheduler carries no run (its template is fixed): the run is
 * created here, once per BullMQ job id, so a retried or redelivered job resumes the same run.
 * A tick for a source deleted or paused since the scheduler last reconciled makes no run.
 */
async function startScheduledRun(deps: CrawlDeps, sourceId: string, jobId: string): Promise<string | null> {
  const existing = await deps.repos.crawlRuns.getByJob(jobId);
  if (existing) return existing.id;
  const source = await deps.repos.sources.getById(sourceId);
  if (!source?.enabled) {
    deps.logger.info({ sourceId, jobId }, source ? 'scheduled crawl skipped: source is paused' : 'scheduled crawl skipped: source was deleted');
    return null;
  }
  // A board slower than its cron would pile up overlapping runs; a run stuck for longer than
  // OVERLAP_LIMIT_MS no longer blocks the schedule.
  const [latest] = await deps.repos.crawlRuns.listForSource(sourceId, 1);
  if (latest && !latest.finishedAt && Date.now() - latest.startedAt.getTime() < OVERLAP_LIMIT_MS) {
    deps.logger.info({ sourceId, jobId, runId: latest.id }, 'scheduled crawl skipped: the previous run is still going');
    return null;
  }
  return (await deps.repos.crawlRuns.startForJob(sourceId, jobId)).id;
}
