import { contentHash, HimatchError, isRetryable, RetryableError, type FetchedResponse, type FetchRequest, type RawPosting } from '@himatch/core';
import { getAdapter, type AdapterResult } from '@himatch/sources';
import { chunked, jobCatalog, NORMALIZE_BATCH, requestKey, type HandlerContext, type PayloadOf } from '@himatch/queue';
import type { SourceRow } from '@himatch/db';
import type { CrawlDeps } from './deps.ts';
import { schedulePages } from './crawl-ledger.ts';
import { finishRunIfDone } from './finish-run.ts';
import { addPageCounts, completePage, hasPendingPages, loadPageContext, markKnownSeen, markSeenAndListPending, pendingOfRun, type KnownRaw } from '@himatch/db';
import { storePage, uniqueByExternalId, type PostingRow } from '@himatch/db';

type PagePayload = PayloadOf<'crawl.page'>;
interface Run { sourceId: string; runId: string }
type Owed = { id: string; contentHash: string };
/** What one request leaves for its job to do once all of the job's requests are done. */
interface RequestOutcome { owed: Owed[]; completedEarlier: boolean }
const NOTHING: RequestOutcome = { owed: [], completedEarlier: false };

/**
 * crawl.page: fetch each request of the job in turn, let the adapter read it, store what
 * changed, schedule the next requests; then hand the job's new postings to the normalizer in
 * batches and end the run if this job completed its last pages. A failure of one page or one
 * posting is recorded with its reason and never fails the run. Transient trouble (the site, the
 * network, our own database) retries: the whole job while none of its requests is done, else
 * the requests not yet done as a job of their own, delayed, so no page is fetched twice and a
 * 429's Retry-After holds for the rest of the host's requests.
 */
export async function crawlPage(deps: CrawlDeps, payload: PagePayload, ctx: HandlerContext): Promise<void> {
  const run: Run = { sourceId: payload.sourceId, runId: payload.runId };
  const lastAttempt = ctx.attemptsMade + 1 >= deps.pageAttempts;
  const owed: Owed[] = [];
  let completedEarlier = false;
  for (const [index, request] of payload.requests.entries()) {
    let outcome: RequestOutcome;
    try {
      outcome = await crawlRequest(deps, run, request);
    } catch (error) {
      if (!isRetryable(error)) {
        await completeFailed(deps, run, request, describe(error));
        continue;
      }
      if (!lastAttempt && index === 0) throw error;
      if (lastAttempt) await completeFailed(deps, run, request, `gave up after ${deps.pageAttempts} attempts: ${describe(error)}`);
      const rest = payload.requests.slice(lastAttempt ? index + 1 : index);
      if (rest.length > 0) {
        const retryAfterMs = error instanceof RetryableError ? (error.retryAfterMs ?? 0) : 0;
        await deps.producer.enqueue('crawl.page', { ...run, requests: rest }, { delayMs: Math.max(retryAfterMs, jobCatalog['crawl.page'].backoffDelayMs) });
      }
      break;
    }
    owed.push(...outcome.owed);
    completedEarlier ||= outcome.completedEarlier;
  }
  await enqueueNormalize(deps, run.runId, owed);
  if (completedEarlier) await resumeAfterEarlierAttempt(deps, run);
  else await endRunIfNothingPending(deps, run);
}

/** Records the job's still-pending pages as failed (called when its job failed outside the processor). */
export async function failPage(deps: CrawlDeps, payload: PagePayload, reason: string): Promise<void> {
  const run: Run = { sourceId: payload.sourceId, runId: payload.runId };
  for (const request of payload.requests) {
    const page = await deps.repos.crawlLedger.getPage(run.runId, requestKey(request));
    if (!page || page.status === 'pending') await completeFailed(deps, run, request, reason);
  }
  await endRunIfNothingPending(deps, run);
}

/** Hands postings owed a normalization to the normalizer, NORMALIZE_BATCH to a job. */
async function enqueueNormalize(deps: CrawlDeps, runId: string, owed: Owed[]): Promise<void> {
  if (owed.length === 0) return;
  await deps.producer.enqueueMany(chunked(owed, NORMALIZE_BATCH).map((group) => ({
    name: 'posting.normalize' as const,
    payload: { postings: group.map((p) => ({ rawPostingId: p.id, contentHash: p.contentHash })), runId },
  })));
}

async function crawlRequest(deps: CrawlDeps, run: Run, request: FetchRequest): Promise<RequestOutcome> {
  const { sourceId, runId } = run;
  const key = requestKey(request);
  const page = await loadPageContext(deps.db, runId, key, sourceId, request.url);
  if (!page) {
    // No such page, or its source is gone: only a still-pending page has to be ended.
    const bare = await deps.repos.crawlLedger.getPage(runId, key);
    if (bare?.status === 'pending') await completeFailed(deps, run, request, 'source was deleted');
    return NOTHING;
  }
  // Completed by an earlier attempt that may have died before enqueueing its postings.
  if (page.status !== 'pending') return { owed: [], completedEarlier: true };
  const { source } = page;
  const known = request.role === 'detail' ? page.known : null;

  const skipped = await skipUnchanged(deps, source, runId, request, known);
  if (skipped) {
    await completePage(deps.db, runId, key, { status: 'skipped' }, { postingsSeen: 1, unchanged: 1 });
    return { owed: skipped.owed, completedEarlier: false };
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
    const again = known ? await seenAgain(deps, sourceId, known.externalId, runId) : null;
    await completePage(deps.db, runId, key, { status: 'done' }, { pages: 1, postingsSeen: 1, unchanged: 1 });
    return { owed: again?.owed ?? [], completedEarlier: false };
  }

  const adapter = getAdapter(source.kind);
  let result: AdapterResult;
  try {
    result = adapter.parse(response, adapter.configSchema.parse(source.config));
  } catch (error) {
    // A garbage page fails alone, with its reason; nothing else of the run is lost.
    await completeFailed(deps, run, request, describe(error));
    return NOTHING;
  }
  await schedulePages(deps, sourceId, runId, result.next);
  return { owed: await storeResult(deps, run, key, source, response, result), completedEarlier: false };
}

/**
 * Asked after this job's page completions have committed: of workers completing the last
 * pages at once, the last to commit sees every other page done, so the run always ends.
 */
async function endRunIfNothingPending(deps: CrawlDeps, run: Run): Promise<void> {
  if (!(await hasPendingPages(deps.db, run.runId))) await finishRunIfDone(deps, run.sourceId, run.runId);
}

/** Stores the page's postings and completes it in one statement; returns those owed a normalization. */
async function storeResult(deps: CrawlDeps, run: Run, key: string, source: SourceRow, response: FetchedResponse, result: AdapterResult): Promise<Owed[]> {
  const { sourceId, runId } = run;
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
  const owed: Owed[] = stored.postings.filter((p) => p.pending);
  if (stored.postings.length < rows.length) {
    // A concurrent writer inserted one of these keys after the statement's snapshot: store
    // those one by one now that its row is visible, and count them.
    owed.push(...(await storeRaced(deps, source.id, runId, key, rows.filter((r) => !stored.postings.some((p) => p.externalId === r.externalId)))));
  }
  // A crash before the job enqueues these is repaired by its retry (resumeAfterEarlierAttempt).
  return owed;
}

async function storeRaced(deps: CrawlDeps, sourceId: string, runId: string, key: string, rows: PostingRow[]): Promise<Owed[]> {
  const counts = { postingsSeen: 0, new: 0, changed: 0, unchanged: 0 };
  for (const row of rows) {
    const { outcome } = await deps.repos.rawPostings.upsert({ sourceId, runId, ...row, payload: row.payload as RawPosting });
    counts[outcome] += 1;
  }
  await addPageCounts(deps.db, runId, key, counts);
  return markSeenAndListPending(deps.db, sourceId, rows.map((r) => r.externalId), runId);
}

/** A page of the job was completed by an earlier attempt that may have died before enqueueing its postings or ending the run. */
async function resumeAfterEarlierAttempt(deps: CrawlDeps, run: Run): Promise<void> {
  await enqueueNormalize(deps, run.runId, await pendingOfRun(deps.db, run.sourceId, run.runId));
  await finishRunIfDone(deps, run.sourceId, run.runId);
}

/** A detail page known from an earlier run and unchanged by the source's own account: what seenAgain found, else null. */
async function skipUnchanged(deps: CrawlDeps, source: SourceRow, runId: string, request: FetchRequest, known: KnownRaw | null): Promise<{ owed: Owed[] } | null> {
  if (request.role !== 'detail') return null;
  if (request.meta['skipIfKnown'] === true && request.externalId) {
    return seenAgain(deps, source.id, request.externalId, runId);
  }
  if (request.lastModifiedHint && known) {
    // Compared with the source's own stamp from the last fetch, never with our clock.
    const hint = Date.parse(request.lastModifiedHint);
    const seen = known.lastModified ? Date.parse(known.lastModified) : NaN;
    if (Number.isFinite(hint) && Number.isFinite(seen) && seen >= hint) return seenAgain(deps, source.id, known.externalId, runId);
  }
  return null;
}

/** Marks a known posting seen; owes its normalization if that is still pending. Null when unknown. */
async function seenAgain(deps: CrawlDeps, sourceId: string, externalId: string, runId: string): Promise<{ owed: Owed[] } | null> {
  const row = await markKnownSeen(deps.db, sourceId, externalId, runId);
  if (!row) return null;
  return { owed: row.pending ? [{ id: row.id, contentHash: row.contentHash }] : [] };
}

function fetchWithValidators(deps: CrawlDeps, source: SourceRow, request: FetchRequest, known: KnownRaw | null): Promise<FetchedResponse> {
  return deps.fetcher.fetch(request, {
    politeness: source.politeness,
    // lastModified may hold a sitemap stamp (ISO) rather than an HTTP date: send only the latter.
    validators: known ? { etag: known.etag, lastModified: known.lastModified?.endsWith('GMT') ? known.lastModified : null } : undefined,
  });
}

async function completeFailed(deps: CrawlDeps, run: Run, request: FetchRequest, reason: string): Promise<void> {
  const { sourceId, runId } = run;
  await deps.repos.crawlLedger.recordFailure({ runId, sourceId, url: request.url, externalId: request.externalId, reason });
  deps.logger.warn({ sourceId, runId, url: request.url, reason }, 'page failed');
  await completePage(deps.db, runId, requestKey(request), { status: 'failed', reason }, { failed: 1 });
}

function goneResponse(request: FetchRequest): FetchedResponse {
  return { request, url: request.url, status: 404, headers: {}, body: '', notModified: false, etag: null, lastModified: null, fetchedAt: new Date().toISOString() };
}

function describe(error: unknown): string {
  if (error instanceof HimatchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
