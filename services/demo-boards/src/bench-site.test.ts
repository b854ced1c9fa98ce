import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '@himatch/sources';
import type { FetchRequest } from '@himatch/core';
import { startDemoBoards, type DemoBoards } from './server.ts';

let boards: DemoBoards;
const get = (path: string, init?: RequestInit) => fetch(`${boards.url}${path}`, init);

beforeAll(async () => {
  boards = await startDemoBoards({ port: 0, seed: 5, count: 40, benchCount: 2_500 });
});
afterAll(async () => {
  await boards.close();
});

describe('bench JSON-LD site', () => {
  it('serves every posting once through sitemap index -> urlsets -> pages the adapter reads', async () => {
    const spec = await (await get('/_bench')).json() as { kind: 'jsonld-site'; postings: number; config: Record<string, unknown> };
    expect(spec.postings).toBe(2_500);
    const adapter = getAdapter(spec.kind);
    const config = adapter.configSchema.parse(spec.config);
    const respond = async (request: FetchRequest) => {
      const res = await fetch(request.url);
      return adapter.parse({ request, url: request.url, status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body: await res.text(), notModified: false, etag: null, lastModified: null, fetchedAt: new Date().toISOString() }, config);
    };
    const [index] = adapter.start(config);
    const urlsets = (await respond(index!)).next;
    expect(urlsets).toHaveLength(3);
    const details = (await Promise.all(urlsets.map(respond))).flatMap((r) => r.next);
    expect(details).toHaveLength(2_500);
    expect(new Set(details.map((d) => d.url)).size).toBe(2_500);
    const page = await respond(details[1_234]!);
    expect(page.failures).toEqual([]);
    expect(page.postings.map((p) => [p.externalId, p.employer])).toEqual([['BENCH-1234', 'Bench Regional Health']]);
    expect((await get('/bench/jobs/2500')).status).toBe(404);
  });
});

describe('request log and broken paging', () => {
  it('records start and end of each request and clears on POST', async () => {
    await get('/_requests', { method: 'POST' });
    await Promise.all([get('/quirks/slow/lever/v0/postings/lakeshore-health?mode=json&skip=0&limit=5'), get('/robots.txt')]);
    const { requests } = await (await get('/_requests')).json() as { requests: { path: string; start: number; end: number; status: number }[] };
    expect(requests.map((r) => r.path).sort()).toEqual(['/quirks/slow/lever/v0/postings/lakeshore-health?mode=json&skip=0&limit=5', '/robots.txt']);
    const slow = requests.find((r) => r.path.startsWith('/quirks/slow'))!;
    expect(slow.end - slow.start).toBeGreaterThanOrEqual(1_000);
    expect(slow.status).toBe(200);
    await get('/_requests', { method: 'POST' });
    expect(((await (await get('/_requests')).json()) as { requests: unknown[] }).requests).toEqual([]);
  });

  it('answers the first list page and a 500 for every later one', async () => {
    const first = await get('/quirks/broken-paging/lever/v0/postings/lakeshore-health?mode=json&skip=0&limit=2');
    expect(first.status).toBe(200);
    expect(((await first.json()) as unknown[]).length).toBe(2);
    expect((await get('/quirks/broken-paging/lever/v0/postings/lakeshore-health?mode=json&skip=2&limit=2')).status).toBe(500);
    expect((await get('/quirks/broken-paging/smartrecruiters/v1/companies/SunbeltMedicalGroup/postings?limit=5&offset=5')).status).toBe(500);
  });
});
