import { jobCatalog, type FinalFailure } from '@himatch/queue';
import type { CrawlDeps } from './deps.ts';
import { failPage } from './crawl-page.processor.ts';

/**
 * A crawl job that failed outside our own handling (stalled too often when workers died or
 * starved): record it on its page or run so the run still ends and says why.
 */
export async function onCrawlJobFailed(deps: CrawlDeps, failure: FinalFailure): Promise<void> {
  if (failure.name === 'crawl.page') {
    const payload = jobCatalog['crawl.page'].schema.parse(failure.payload);
    await failPage(deps, payload, `job failed: ${failure.reason}`);
  } else if (failure.name === 'crawl.source') {
    const payload = jobCatalog['crawl.source'].schema.parse(failure.payload);
    // A scheduled job's run is keyed by its job id (it may not exist if the job never started).
    const runId = payload.runId ?? (await deps.repos.crawlRuns.getByJob(failure.jobId))?.id;
    if (runId) await deps.repos.crawlRuns.finish(runId, { status: 'failed', complete: false, error: `job failed: ${failure.reason}` });
  }
}
