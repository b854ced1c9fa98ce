import type { CrawlRunStatus } from '@himatch/db';
import type { CrawlDeps } from './deps.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Ends a run once no page is pending. Only a complete run (every list and discovery page
 * read) may close listings it did not see: a partial view never closes anything.
 */
export async function finishRunIfDone(deps: CrawlDeps, sourceId: string, runId: string): Promise<boolean> {
  const ledger = deps.repos.crawlLedger;
  const tally = await ledger.tally(runId);
  if (tally.pending > 0) return false;
  const complete = tally.failedListPages === 0;
  const status: Exclude<CrawlRunStatus, 'running'> =
    tally.failedListPages > 0 && tally.doneListPages === 0 ? 'failed' : tally.failedPages > 0 ? 'partial' : 'succeeded';
  const error = tally.failedPages > 0 ? await ledger.firstFailureReason(runId) : null;
  const run = await deps.repos.crawlRuns.finish(runId, { status, complete, error });
  if (!run) return false; // another worker finished it first
  if (complete) {
    const { closedIds } = await deps.repos.listings.closeMissing(sourceId, runId, deps.maxMissedRuns);
    if (closedIds.length > 0) await deps.repos.crawlRuns.addCounts(runId, { closed: closedIds.length });
  }
  await deps.repos.listings.closeExpired(new Date());
  if (status === 'failed') {
    const source = await deps.repos.sources.getById(sourceId);
    const failures = (source?.consecutiveFailures ?? 0) + 1;
    const cooldown = Math.min(DAY_MS, deps.cooldownBaseMs * 2 ** (failures - 1));
    await deps.repos.sources.recordFailure(sourceId, error ?? 'run failed', new Date(Date.now() + cooldown));
  } else {
    await deps.repos.sources.recordSuccess(sourceId);
  }
  deps.logger.info({ sourceId, runId, status, complete }, 'crawl run finished');
  return true;
}
