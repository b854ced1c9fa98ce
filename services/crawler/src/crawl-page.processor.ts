import { contentHash, HimatchError, isRetryable, type FetchedResponse, type FetchRequest } from '@himatch/core';
import { getAdapter, type AdapterResult } from '@himatch/sources';
import { requestKey, type HandlerContext, type PayloadOf } from '@himatch/queue';
import type { CrawlCounts, SourceRow } from '@himatch/db';
import type { CrawlDeps } from './deps.ts';
import { schedulePages } from './crawl-ledger.ts';
import { finishRunIfDone } from './finish-run.ts';

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
  const ledger = deps.repos.crawlLedger;
  const page = await ledger.getPage(runId, key);
  if (!page) return;
  if (page.status !== 'pending') {
    // Handled by an earlier attempt that may have died before ending the run.
    await finishRunIfDone(deps, sourceId, runId);
    return;
  }
  const source = await deps.repos.sources.getById(sourceId);
  if (!source) return void (await completeFailed(deps, payload, key, 'source was deleted'));

  const skipped = await skipUnchanged(deps, source, runId, request);
  if (skipped) {
    await ledger.completePage(runId, key, { status: 'skipped' }, { postingsSeen: 1, unchanged: 1 });
    await finishRunIfDone(deps, sourceId, runId);
    return;
  }

  let response: FetchedResponse;
  try {
    response = await fetchWithValidators(deps, source, request);
  } catch (error) {
    // A missing robots.txt or sitemap is an answer the adapter acts on (fall back to /sitemap.xml).
    if (!(request.role === 'discovery' && error instanceof HimatchError && error.code === 'gone')) throw error;
    response = goneResponse(request);
  }

  if (response.notModified) {
    await ledger.markSeenByUrl(sourceId, request.url, runId);
    await ledger.completePage(runId, key, { status: 'done' }, { pages: 1, postingsSeen: 1, unchanged: 1 });
    await finishRunIfDone(deps, sourceId, runId);
    return;
  }

  const adapter = getAdapter(source.kind);
  let result: AdapterResult;
  try {
    result = adapter.parse(response, adapter.configSchema.parse(source.config));
  } catch (error) {
    // A garbage page fails alone, with its reason; nothing else of the run is lost.
    return void (await completeFailed(deps, payload, key, describe(error)));
  }
  const counts = await storePostings(deps, source, runId, response, result);
  await schedulePages(deps, sourceId, runId, result.next);
  await ledger.completePage(runId, key, { status: 'done' }, { pages: 1, ...counts });
  await finishRunIfDone(deps, sourceId, runId);
}

async function storePostings(deps: CrawlDeps, source: SourceRow, runId: string, response: FetchedResponse, result: AdapterResult): Promise<CrawlCounts> {
  const counts: Required<Pick<CrawlCounts, 'postingsSeen' | 'new' | 'changed' | 'unchanged' | 'failed'>> = {
    postingsSeen: 0, new: 0, changed: 0, unchanged: 0, failed: 0,
  };
  const externalIds: string[] = [];
  for (const posting of result.postings) {
    const externalId = posting.externalId ?? posting.url ?? response.url;
    externalIds.push(externalId);
    const { outcome } = await deps.repos.rawPostings.upsert({
      sourceId: source.id,
      externalId,
      url: posting.url ?? response.url,
      contentHash: contentHash(posting),
      payload: { ...posting, externalId },
      etag: response.request.role === 'detail' ? response.etag : null,
      lastModified: response.request.role === 'detail' ? (response.lastModified ?? response.request.lastModifiedHint) : null,
      runId,
    });
    counts.postingsSeen += 1;
    counts[outcome] += 1;
  }
  for (const failure of result.failures) {
    await deps.repos.crawlLedger.recordFailure({ runId, sourceId: source.id, url: failure.url, externalId: failure.externalId, reason: failure.reason });
    counts.failed += 1;
  }
  if (externalIds.length > 0) {
    await deps.repos.crawlLedger.markListingsSeen(source.id, externalIds, runId);
    // Every posting still waiting for normalization gets its job, including one whose
    // first enqueue was lost to a crash between the upsert and the enqueue.
    const pending = await deps.repos.crawlLedger.pendingRawPostings(source.id, externalIds);
    await deps.producer.enqueueMany(pending.map((p) => ({ name: 'posting.normalize' as const, payload: { rawPostingId: p.id, contentHash: p.contentHash, runId } })));
  }
  return counts;
}

/** A detail page known from an earlier run and unchanged by the source's own account. */
async function skipUnchanged(deps: CrawlDeps, source: SourceRow, runId: string, request: FetchRequest): Promise<boolean> {
  if (request.role !== 'detail') return false;
  const ledger = deps.repos.crawlLedger;
  if (request.meta['skipIfKnown'] === true && request.externalId) {
    return ledger.markSeenByExternalId(source.id, request.externalId, runId);
  }
  if (request.lastModifiedHint) {
    // Compared with the source's own stamp from the last fetch, never with our clock.
    const known = await ledger.rawByUrl(source.id, request.url);
    const hint = Date.parse(request.lastModifiedHint);
    const seen = known?.lastModified ? Date.parse(known.lastModified) : NaN;
    if (Number.isFinite(hint) && Number.isFinite(seen) && seen >= hint) {
      return ledger.markSeenByUrl(source.id, request.url, runId);
    }
  }
  return false;
}

async function fetchWithValidators(deps: CrawlDeps, source: SourceRow, request: FetchRequest): Promise<FetchedResponse> {
  const known = request.role === 'detail' ? await deps.repos.crawlLedger.rawByUrl(source.id, request.url) : undefined;
  return deps.fetcher.fetch(request, {
    politeness: source.politeness,
    // lastModified may hold a sitemap stamp (ISO) rather than an HTTP date: send only the latter.
    validators: known ? { etag: known.etag, lastModified: known.lastModified?.endsWith('GMT') ? known.lastModified : null } : undefined,
  });
}

async function completeFailed(deps: CrawlDeps, payload: PagePayload, key: string, reason: string): Promise<void> {
  const { sourceId, runId, request } = payload;
  await deps.repos.crawlLedger.recordFailure({ runId, sourceId, url: request.url, externalId: request.externalId, reason });
  await deps.repos.crawlLedger.completePage(runId, key, { status: 'failed', reason }, { failed: 1 });
  deps.logger.warn({ sourceId, runId, url: request.url, reason }, 'page failed');
  await finishRunIfDone(deps, sourceId, runId);
}

function goneResponse(request: FetchRequest): FetchedResponse {
  return { request, url: request.url, status: 404, headers: {}, body: '', notModified: false, etag: null, lastModified: null, fetchedAt: new Date().toISOString() };
}

function describe(error: unknown): string {
  if (error instanceof HimatchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
