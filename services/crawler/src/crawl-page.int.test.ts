import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { RetryableError, type FetchedResponse, type FetchRequest } from '@himatch/core';
import { createRepositories, registerPages, type Repositories } from '@himatch/db';
import type { Fetcher } from '@himatch/fetcher';
import { createProducer, requestKey, type Producer } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { crawlPage } from './crawl-page.processor.ts';
import type { CrawlDeps } from './deps.ts';

// A crawl.page job carries several detail requests. A transient failure must neither fetch a
// finished page again nor lose the rest: the whole job retries while none of its pages is done,
// else the pages not yet done become a job of their own, delayed by the site's Retry-After.
// Real Postgres and Redis; only the fetcher is scripted (the network is not what is tested).

const BASE = 'https://careers.example.org';
let database: TestDatabase;
let redis: TestRedis;
let repos: Repositories;
let producer: Producer;
let crawler: Queue;
let normalizer: Queue;
let sourceId: string;

const detail = (n: number): FetchRequest => ({
  url: `${BASE}/jobs/${n}`, method: 'GET', headers: {}, body: null, role: 'detail', step: 'page', externalId: null, lastModifiedHint: null, meta: {},
});

function page(request: FetchRequest): FetchedResponse {
  const ld = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Medical Records Technician', identifier: request.url,
    description: '<p>Maintain patient records. RHIT preferred.</p>', datePosted: '2026-11-20', hiringOrganization: { name: 'Mercy Valley Health' },
    jobLocation: { '@type': 'Place', address: { addressLocality: 'Dallas', addressRegion: 'TX', addressCountry: 'US' } } };
  return { request, url: request.url, status: 200, headers: { 'content-type': 'text/html' }, notModified: false, etag: null, lastModified: null,
    fetchedAt: new Date().toISOString(), body: `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body></body></html>` };
}

/** Answers every request with a job page, except that `failing` URLs throw a 429 asking for 7 s. */
function scriptedFetcher(failing: Set<string>, fetched: string[]): Fetcher {
  return {
    fetch: async (request) => {
      fetched.push(request.url);
      if (failing.has(request.url)) throw new RetryableError('http_429', 'HTTP 429', { retryAfterMs: 7_000 });
      return page(request as FetchRequest);
    },
    close: async () => {},
  };
}

async function setUp(requests: FetchRequest[], failing: string[]): Promise<{ deps: CrawlDeps; runId: string; fetched: string[] }> {
  const run = await repos.crawlRuns.start(sourceId);
  await registerPages(database.db, run.id, requests.map((r) => ({ key: requestKey(r), role: r.role, url: r.url })));
  const fetched: string[] = [];
  const deps: CrawlDeps = {
    db: database.db, repos, producer, fetcher: scriptedFetcher(new Set(failing), fetched), logger: createLogger('test', 'silent'),
    maxMissedRuns: 2, pageAttempts: 5, cooldownBaseMs: 1000,
  };
  return { deps, runId: run.id, fetched };
}

async function pageStatuses(runId: string): Promise<Record<string, string>> {
  const rows = await database.db.selectFrom('crawlPage').select(['url', 'status']).where('runId', '=', runId).execute();
  return Object.fromEntries(rows.map((r) => [r.url, r.status]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  repos = createRepositories(database.db);
  producer = createProducer({ connection: redis.connection(), prefix: redis.prefix });
  crawler = new Queue('crawler', { connection: redis.connection(), prefix: redis.prefix });
  normalizer = new Queue('normalizer', { connection: redis.connection(), prefix: redis.prefix });
  sourceId = (await repos.sources.create({ kind: 'jsonld-site', name: 'batch', config: { baseUrl: BASE } })).id;
}, 60_000);

beforeEach(async () => {
  await crawler.obliterate({ force: true });
  await normalizer.obliterate({ force: true });
});

afterAll(async () => {
  await crawler?.close();
  await normalizer?.close();
  await producer?.close();
  await redis?.cleanup();
  await database?.drop();
});

describe('crawl.page with several requests', () => {
  it('stores every page and hands their postings to the normalizer in one job', async () => {
    const requests = [1, 2, 3].map(detail);
    const { deps, runId, fetched } = await setUp(requests, []);
    await crawlPage(deps, { sourceId, runId, requests }, { attemptsMade: 0 } as never);
    expect(fetched).toEqual(requests.map((r) => r.url));
    expect(Object.values(await pageStatuses(runId))).toEqual(['done', 'done', 'done']);
    const jobs = await normalizer.getJobs(['waiting']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.postings).toHaveLength(3);
    // Every page of the run is done: the job ended the run.
    expect((await repos.crawlRuns.get(runId))?.finishedAt).toBeInstanceOf(Date);
  });

  it('after a page is done, sends the rest on as a job of their own, delayed by Retry-After', async () => {
    const requests = [1, 2, 3].map(detail);
    const { deps, runId, fetched } = await setUp(requests, [requests[1]!.url]);
    await crawlPage(deps, { sourceId, runId, requests }, { attemptsMade: 0 } as never);
    // The 429 stops the job at once: the third page of the same host is not asked for.
    expect(fetched).toEqual([requests[0]!.url, requests[1]!.url]);
    expect(await pageStatuses(runId)).toEqual({ [requests[0]!.url]: 'done', [requests[1]!.url]: 'pending', [requests[2]!.url]: 'pending' });
    const delayed = await crawler.getJobs(['delayed']);
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.data.requests.map((r: FetchRequest) => r.url)).toEqual([requests[1]!.url, requests[2]!.url]);
    expect(delayed[0]!.opts.delay).toBeGreaterThanOrEqual(7_000);
    // The done page's posting is not held back by the others.
    expect((await normalizer.getJobs(['waiting'])).flatMap((j) => j.data.postings)).toHaveLength(1);
    expect((await repos.crawlRuns.get(runId))?.finishedAt).toBeNull();
  });

  it('retries the whole job while none of its pages is done', async () => {
    const requests = [1, 2].map(detail);
    const { deps, runId } = await setUp(requests, [requests[0]!.url]);
    await expect(crawlPage(deps, { sourceId, runId, requests }, { attemptsMade: 0 } as never)).rejects.toThrow(/429/);
    expect(Object.values(await pageStatuses(runId))).toEqual(['pending', 'pending']);
    expect(await crawler.getJobs(['delayed', 'waiting'])).toHaveLength(0);
  });

  it('on the last attempt records the failing page and still sends the untried ones on', async () => {
    const requests = [1, 2, 3].map(detail);
    const { deps, runId } = await setUp(requests, [requests[0]!.url]);
    await crawlPage(deps, { sourceId, runId, requests }, { attemptsMade: 4 } as never);
    expect(Object.values(await pageStatuses(runId)).sort()).toEqual(['failed', 'pending', 'pending']);
    const failure = await database.db.selectFrom('crawlFailure').select('reason').where('runId', '=', runId).executeTakeFirstOrThrow();
    expect(failure.reason).toMatch(/gave up after 5 attempts/);
    const delayed = await crawler.getJobs(['delayed']);
    expect(delayed.flatMap((j) => j.data.requests.map((r: FetchRequest) => r.url))).toEqual([requests[1]!.url, requests[2]!.url]);
  });
});
