import { describe, expect, it } from 'vitest';
import { RetryableError } from '@himatch/core';
import {
  chunked, defineHandlers, exponentialDelayMs, himatchBackoff, jobCatalog, jobNamesOf, jobOptionsFor, NORMALIZE_BATCH, PAGE_BATCH, parsePayload, requestKey,
} from './index.ts';
import type { JobName } from './index.ts';

const RUN = '6f1c2a34-8d7e-4b1a-9c3d-2e5f6a7b8c9d';
const SOURCE = '0b9e8d7c-6a5f-4e3d-8c1b-a09f8e7d6c5b';
const noop = async (): Promise<void> => {};

describe('job catalog', () => {
  it('derives job ids that BullMQ accepts (no ":", never an integer)', () => {
    const payloads: Record<JobName, unknown> = {
      'crawl.source': { sourceId: SOURCE, runId: RUN },
      'crawl.page': { sourceId: SOURCE, runId: RUN, requests: [{ url: 'https://x.test/a', role: 'list', step: 'page' }] },
      'posting.normalize': { postings: [{ rawPostingId: SOURCE, contentHash: 'ab12' }], runId: null },
      'match.listing': { listingId: SOURCE, contentHash: 'ab12' },
      'match.candidate': { candidateId: SOURCE },
      'alert.deliver': { alertId: SOURCE },
    };
    for (const name of Object.keys(jobCatalog) as JobName[]) {
      const id = String(jobOptionsFor(name, parsePayload(name, payloads[name]), undefined, undefined).jobId);
      expect(id.startsWith(`${name}_`)).toBe(true);
      expect(id).not.toContain(':');
    }
    expect(jobOptionsFor('crawl.source', payloads['crawl.source'], undefined, undefined).jobId).toBe(`crawl.source_${RUN}`);
    expect(jobOptionsFor('posting.normalize', payloads['posting.normalize'], undefined, undefined).jobId)
      .toBe(`posting.normalize_${SOURCE}_ab12`);
  });

  it('keys crawl.page on url, method and body only', () => {
    const base = { url: 'https://x.test/a', method: 'GET', body: null };
    expect(requestKey(base)).toBe(requestKey({ ...base }));
    expect(requestKey(base)).not.toBe(requestKey({ ...base, method: 'POST' }));
    expect(requestKey({ ...base, body: 'p=1' })).not.toBe(requestKey({ ...base, body: 'p=2' }));
    const page = (meta: object) => parsePayload('crawl.page', { sourceId: SOURCE, runId: RUN, requests: [{ url: base.url, role: 'list', step: 's', meta }] });
    expect(jobOptionsFor('crawl.page', page({ n: 1 }), undefined, undefined).jobId)
      .toBe(jobOptionsFor('crawl.page', page({ n: 2 }), undefined, undefined).jobId);
  });

  it('gives a batch one id from its members, in order, and bounds its size', () => {
    const detail = (n: number) => ({ url: `https://x.test/job/${n}`, role: 'detail' as const, step: 'd' });
    const pages = (...ns: number[]) => jobOptionsFor('crawl.page', parsePayload('crawl.page', { sourceId: SOURCE, runId: RUN, requests: ns.map(detail) }), undefined, undefined).jobId;
    expect(pages(1, 2)).toBe(pages(1, 2));
    expect(pages(1, 2)).not.toBe(pages(2, 1));
    expect(pages(1, 2)).not.toBe(pages(1));
    expect(pages(1)).toBe(`crawl.page_${RUN}_${requestKey({ url: detail(1).url, method: 'GET', body: null })}`);
    expect(() => parsePayload('crawl.page', { sourceId: SOURCE, runId: RUN, requests: [] })).toThrow(/crawl\.page\.requests/);
    const tooMany = Array.from({ length: PAGE_BATCH + 1 }, (_, i) => detail(i));
    expect(() => parsePayload('crawl.page', { sourceId: SOURCE, runId: RUN, requests: tooMany })).toThrow(/crawl\.page\.requests/);
    const postings = (hashes: string[]) => jobOptionsFor('posting.normalize', { postings: hashes.map((contentHash) => ({ rawPostingId: SOURCE, contentHash })), runId: null }, undefined, undefined).jobId;
    expect(postings(['a1', 'b2'])).toMatch(/^posting\.normalize_[0-9a-f]{64}$/);
    expect(postings(['a1', 'b2'])).not.toBe(postings(['a1', 'b3']));
    const many = Array.from({ length: NORMALIZE_BATCH + 1 }, () => ({ rawPostingId: SOURCE, contentHash: 'a1' }));
    expect(() => parsePayload('posting.normalize', { postings: many, runId: null })).toThrow(/posting\.normalize\.postings/);
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 2)).toEqual([]);
  });

  it('names the bad field of an invalid payload', () => {
    expect(() => parsePayload('crawl.source', { sourceId: 'nope', runId: RUN })).toThrow(/crawl\.source\.sourceId/);
    expect(() => parsePayload('crawl.page', { sourceId: SOURCE, runId: RUN, requests: [{ url: 'x', role: 'list', step: 's' }] }))
      .toThrow(/crawl\.page\.requests\.0\.url/);
  });

  it('has the retry policies of the brief', () => {
    expect(jobCatalog['crawl.source'].attempts).toBe(5);
    expect(jobCatalog['crawl.page'].attempts).toBe(5);
    expect(jobCatalog['posting.normalize'].attempts).toBe(3);
    expect(jobCatalog['match.listing'].attempts).toBe(3);
    expect(jobCatalog['alert.deliver'].attempts).toBe(8);
    expect(jobNamesOf('crawler')).toEqual(['crawl.source', 'crawl.page']);
  });
});

describe('backoff', () => {
  it('grows exponentially within the jitter band', () => {
    for (let i = 0; i < 50; i++) {
      const d = exponentialDelayMs(3, 1000, 0.5);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
    expect(exponentialDelayMs(1, 1000, 0)).toBe(1000);
  });

  it('waits at least the Retry-After of a RetryableError', () => {
    const job = { opts: { backoff: { type: 'himatch-exponential', delay: 10, jitter: 0 } } } as never;
    expect(himatchBackoff(1, 'himatch-exponential', new Error('x'), job)).toBe(10);
    const err = new RetryableError('http_429', 'slow down', { retryAfterMs: 7000 });
    expect(himatchBackoff(1, 'himatch-exponential', err, job)).toBe(7000);
  });
});

describe('defineHandlers', () => {
  it('requires exactly the job names of the queue (compile time and run time)', () => {
    defineHandlers('crawler', { 'crawl.source': noop, 'crawl.page': noop });
    // @ts-expect-error crawl.page has no handler
    expect(() => defineHandlers('crawler', { 'crawl.source': noop })).toThrow(/missing handler for "crawl.page"/);
    expect(() =>
      // @ts-expect-error alert.deliver is not a crawler job
      defineHandlers('crawler', { 'crawl.source': noop, 'crawl.page': noop, 'alert.deliver': noop }),
    ).toThrow(/"alert.deliver" is not a job of queue "crawler"/);
  });

  it('types the payload per job name', () => {
    defineHandlers('matcher', {
      'match.listing': async (p) => p.listingId.length + p.contentHash.length,
      // @ts-expect-error match.candidate payload has no listingId
      'match.candidate': async (p) => p.listingId,
    });
  });
});
