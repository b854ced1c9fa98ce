import { chunked, PAGE_BATCH, requestKey } from '@himatch/queue';
import type { FetchRequest } from '@himatch/core';
import type { CrawlDeps } from './deps.ts';
import { registerPages } from '@himatch/db';

// Which pages a run still owes, kept in Postgres so that a job that runs twice (BullMQ is
// at-least-once) neither double-counts nor finishes a run early: a page is registered once
// per (run, request key) and completed once.

/**
 * Registers the requests as pages of the run and enqueues them: detail requests in jobs of up
 * to PAGE_BATCH (a site of 20,000 postings is 2,000 jobs, not 20,000), every other request
 * alone so that paging and discovery never wait behind a batch of details.
 */
export async function schedulePages(deps: CrawlDeps, sourceId: string, runId: string, requests: FetchRequest[]): Promise<number> {
  if (requests.length === 0) return 0;
  const unique = [...new Map(requests.map((r) => [requestKey(r), r])).entries()];
  await registerPages(deps.db, runId, unique.map(([key, r]) => ({ key, role: r.role, url: r.url })));
  const details = unique.filter(([, r]) => r.role === 'detail').map(([, r]) => r);
  const groups = [...unique.filter(([, r]) => r.role !== 'detail').map(([, r]) => [r]), ...chunked(details, PAGE_BATCH)];
  await deps.producer.enqueueMany(groups.map((group) => ({ name: 'crawl.page' as const, payload: { sourceId, runId, requests: group } })));
  return unique.length;
}
