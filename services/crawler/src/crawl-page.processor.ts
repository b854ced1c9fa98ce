import { contentHash, HimatchError, isRetryable, type FetchedResponse, type FetchRequest, type RawPosting } from '@himatch/core';
import { getAdapter, type AdapterResult } from '@himatch/sources';
import { requestKey, type HandlerContext, type PayloadOf } from '@himatch/queue';
import type { PageCounts, PageStatus, SourceRow } from '@himatch/db';
import type { CrawlDeps } from './deps.ts';
import { schedulePages } from './crawl-ledger.ts';
import { finishRunIfDone } from './finish-run.ts';
import { addPageCounts, completePage, hasPendingPages, loadPageContext, markKnownSeen, markSeenAndListPending, pendingOfRun, type KnownRaw } from '@himatch/db';
import { storePage, uniqueByExternalId, type PostingRow } from '@himatch/db';

type PagePayload = PayloadOf<'crawl.page'>;

/**
 * crawl.page: fetch one request, let the adapter read it, store what changed, schedule the
 * next requests. A failure of one page or one posting is recorded with its reason and never
 * fails the run; transient errors retry through the queue until the last attempt.
 */
export async function crawlPage(deps: CrawlDeps, payload: PagePayload, ctx: HandlerContext): Promise<void> {
  try {
    await crawlPageOnce(deps, payload);
  } catch (error) {
    // Transient trouble (the site, the network, our own database) retries through the queue;
    // the last attempt records the page as failed so the run can still end.
    if (isRetryable(error) && ctx.attemptsMade + 1 < deps.pageAttempts) throw error;
    const reason = isRetryable(error) ? `gave up after ${deps.pageAttempts} attempts: ${describe(error)}` : describe(error);
    await failPage(deps, payload, reason);
  }
}

/** Records a page that failed for good (also called when its job failed outside the processor). */
export async function failPage(deps: CrawlDeps, payload: PagePayload, reason: string): Promise<void> {
  await completeFailed(deps, payload, requestKey(payload.request), reason);
}

async function crawlPageOnce(deps: CrawlDeps, payload: PagePayload): Promise<void> {
  const { sourceId, runId, request } = payload;
  const key = requestKey(request);
  const page = await loadPageContext(deps.db, runId, key, sourceId, request.url);
  if (!page) {
    // No such page, or its source is gone: only a still-pending page has to be ended.
    const bare = await deps.repos.crawlLedger.getPage(runId, key);
    if (bare?.status === 'pending') await completeFailed(deps, payload, key, 'source was deleted');
    return;
  }
  if (page.status !== 'pending') return resumeAfterEarlierAttempt(deps, sourceId, runId);
  const { source } = page;
  const known = request.role === 'detail' ? page.known : null;

  if (await skipUnchanged(deps, source, runId, request, known)) {
    return complete(deps, payload, key, { status: 'skipped' }, { postingsSeen: 1, unchanged: 1 });
  }

  let response: FetchedResponse;
  try {
    response = await fetchWithValidators(deps, source, request, known);
  } catch (error) {
    // A missing robots.txt or sitemap is an answer the adapter acts on (fall back to /sitemap.xml).
    if (!(request.role === 'discovery' && error instanceof HimatchError && error.code === 'gone')) throw error;
    response = goneResponse(request);
  }

  if (response.notModified) {
    if (known) await seenAgain(deps, sourceId, known.externalId, runId);
    return complete(deps, payload, key, { status: 'done' }, { pages: 1, postingsSeen: 1, unchanged: 1 });
  }

  const adapter = getAdapter(source.kind);
  let result: AdapterResult;
  try {
    result = adapter.parse(response, adapter.configSchema.parse(source.config));
  } catch (error) {
    // A garbage page fails alone, with its reason; nothing else of the run is lost.
    return void (await completeFailed(deps, payload, key, describe(error)));
  }
  await schedulePages(deps, sourceId, runId, result.next);
  await storeResult(deps, payload, key, source, response, result);
}

/** Completes the page; the worker that completes the run's last pending page ends the run. */
async function complete(deps: CrawlDeps, payload: PagePayload, key: string, outcome: { status: Exclude<PageStatus, 'pending'>; reason?: string }, counts: PageCounts): Promise<void> {
  // Also when an earlier attempt completed it: that attempt may have died before ending the run.
  await completePage(deps.db, payload.runId, key, outcome, counts);
  await endRunIfNothingPending(deps, payload.sourceId, payload.runId);
}

/**
 * Asked after this worker's page completion has committed: of workers completing the last
 * pages at once, the last to commit sees every other page done, so the run always ends.
 */
async function endRunIfNothingPending(deps: CrawlDeps, sourceId: string, runId: string): Promise<void> {
  if (!(await hasPendingPages(deps.db, runId))) await finishRunIfDone(deps, sourceId, runId);
}

/** Stores the page's postings and completes it in one statement, then hands new work to the normalizer. */
async function storeResult(deps: CrawlDeps, payload: PagePayload, key: string, source: SourceRow, response: FetchedResponse, result: AdapterResult): Promise<void> {
  const { sourceId, runId } = payload;
  const detail = response.request.role === 'detail';
  const rows = uniqueByExternalId(result.postings.map((posting) => {
    const externalId = posting.externalId ?? posting.url ?? response.url;
    return {
      externalId, url: posting.url ?? response.url, contentHash: contentHash(posting), payload: { ...posting, externalId },
      etag: detail ? response.etag : null,
      lastModified: detail ? (response.lastModified ?? response.request.lastModifiedHint) : null,
    };
  }));
  for (const failure of result.failures) {
    await deps.repos.crawlLedger.recordFailure({ runId, sourceId: source.id, url: failure.url, externalId: failure.externalId, reason: failure.reason });
  }
  const stored = await storePage(deps.db, { sourceId, runId, key }, rows, result.failures.length);
  const pending: { id: string; contentHash: string }[] = stored.postings.filter((p) => p.pending);
  if (stored.postings.length < rows.length) {
    // A concurrent writer inserted one of these keys after the statement's snapshot: store
    // those one by one now that its row is visible, and count them.
    pending.push(...(await storeRaced(deps, source.id, runId, key, rows.filter((r) => !stored.postings.some((p) => p.externalId === r.externalId)))));
  }
  // A crash before this enqueue is repaired by the job's retry (resumeAfterEarlierAttempt).
  await deps.producer.enqueueMany(pending.map((p) => ({ name: 'posting.normalize' as const, payload: { rawPostingId: p.id, contentHash: p.contentHash, runId } })));
  await endRunIfNothingPending(deps, sourceId, runId);
}

async function storeRaced(deps: CrawlDeps, sourceId: string, runId: string, key: string, rows: PostingRow[]): Promise<{ id: string; contentHash: string }[]> {
  const counts = { postingsSeen: 0, new: 0, changed: 0, unchanged: 0 };
  for (const row of rows) {
    const { outcome } = await deps.repos.rawPostings.upsert({ sourceId, runId, ...row, payload: row.payload as RawPosting });
    counts[outcome] += 1;
  }
  await addPageCounts(deps.db, runId, key, counts);
  return markSeenAndListPending(deps.db, sourceId, rows.map((r) => r.externalId), runId);
}

/** The page was completed by an earlier attempt that may have died before enqueueing its postings or ending the run. */
async function resumeAfterEarlierAttempt(deps: CrawlDeps, sourceId: string, runId: string): Promise<void> {
  const pending = await pendingOfRun(deps.db, sourceId, runId);
  await deps.producer.enqueueMany(pending.map((p) => ({ name: 'posting.normalize' as const, payload: { rawPostingId: p.id, contentHash: p.contentHash, runId } })));
  await finishRunIfDone(deps, sourceId, runId);
}

/** A detail page known from an earlier run and unchanged by the source's own account. */
async function skipUnchanged(deps: CrawlDeps, source: SourceRow, runId: string, request: FetchRequest, known: KnownRaw | null): Promise<boolean> {
  if (request.role !== 'detail') return false;
  if (request.meta['skipIfKnown'] === true && request.externalId) {
    return seenAgain(deps, source.id, request.externalId, runId);
  }
  if (request.lastModifiedHint && known) {
    // Compared with the source's own stamp from the last fetch, never with our clock.
    const hint = Date.parse(request.lastModifiedHint);
    const seen = known.lastModified ? Date.parse(known.lastModified) : NaN;
    if (Number.isFinite(hint) && Number.isFinite(seen) && seen >= hint) return seenAgain(deps, source.id, known.externalId, runId);
  }
  return false;
}

/** Marks a known posting seen and re-enqueues its normalization if that is still owed; false when unknown. */
async function seenAgain(deps: CrawlDeps, sourceId: string, externalId: string, runId: string): Promise<boolean> {
  const row = await markKnownSeen(deps.db, sourceId, externalId, runId);
  if (row?.pending) await deps.producer.enqueue('posting.normalize', { rawPostingId: row.id, contentHash: row.contentHash, runId });
  return row !== undefined;
}

function fetchWithValidators(deps: CrawlDeps, source: SourceRow, request: FetchRequest, known: KnownRaw | null): Promise<FetchedResponse> {
  return deps.fetcher.fetch(request, {
    politeness: source.politeness,
    // lastModified may hold a sitemap stamp (ISO) rather than an HTTP date: send only the latter.
    validators: known ? { etag: known.etag, lastModified: known.lastModified?.endsWith('GMT') ? known.lastModified : null } : undefined,
  });
}

async function completeFailed(deps: CrawlDeps, payload: PagePayload, key: string, reason: string): Promise<void> {
  const { sourceId, runId, request } = payload;
  await deps.repos.crawlLedger.recordFailure({ runId, sourceId, url: request.url, externalId: request.externalId, reason });
  deps.logger.warn({ sourceId, runId, url: request.url, reason }, 'page failed');
  await complete(deps, payload, key, { status: 'failed', reason }, { failed: 1 });
}

function goneResponse(request: FetchRequest): FetchedResponse {
  return { request, url: request.url, status: 404, headers: {}, body: '', notModified: false, etag: null, lastModified: null, fetchedAt: new Date().toISOString() };
}

function describe(error: unknown): string {
  if (error instanceof HimatchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
