import { requestKey } from '@himatch/queue';
import type { FetchRequest } from '@himatch/core';
import type { CrawlDeps } from './deps.ts';
import { registerPages } from '@himatch/db';

// Which pages a run still owes, kept in Postgres so that a job that runs twice (BullMQ is
// at-least-once) neither double-counts nor finishes a run early: a page is registered once
// per (run, request key) and completed once.

export async function schedulePages(deps: CrawlDeps, sourceId: string, runId: string, requests: FetchRequest[]): Promise<number> {
  if (requests.length === 0) return 0;
  const unique = [...new Map(requests.map((r) => [requestKey(r), r])).entries()];
  await registerPages(deps.db, runId, unique.map(([key, r]) => ({ key, role: r.role, url: r.url })));
  await deps.producer.enqueueMany(unique.map(([, request]) => ({ name: 'crawl.page' as const, payload: { sourceId, runId, request } })));
  return unique.length;
}
