import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBoards, type DemoBoards } from './server.ts';

let boards: DemoBoards;
const get = (path: string, init?: RequestInit) => fetch(`${boards.url}${path}`, init);
const getJson = async <T>(path: string, init?: RequestInit): Promise<T> => (await get(path, init)).json() as Promise<T>;
const USAJOBS_HEADERS = { 'Authorization-Key': 'k-123', 'User-Agent': 'tester@example.org' };

beforeAll(async () => {
  boards = await startDemoBoards({ port: 0, seed: 3, count: 600, usajobsApiKey: 'k-123' });
});
afterAll(async () => {
  await boards.close();
});

describe('Lever', () => {
  it('pages a bare array with skip/limit and gives salary intervals', async () => {
    const all = await getJson<{ id: string; salaryRange?: { interval: string } }[]>('/lever/v0/postings/lakeshore-health?mode=json');
    const page = await getJson<{ id: string }[]>('/lever/v0/postings/lakeshore-health?mode=json&skip=5&limit=5');
    expect(Array.isArray(all)).toBe(true);
    expect(page.map((p) => p.id)).toEqual(all.slice(5, 10).map((p) => p.id));
    const intervals = new Set(all.flatMap((p) => (p.salaryRange ? [p.salaryRange.interval] : [])));
    expect([...intervals].every((i) => i === 'per-hour-wage' || i === 'per-year-salary')).toBe(true);
    expect(intervals.size).toBeGreaterThan(0);
    expect((await get('/lever/v0/postings/unknown?mode=json')).status).toBe(404);
  });
});

describe('Ashby', () => {
  it('returns the whole board with compensation and 404s an unknown board', async () => {
    const body = await getJson<{ apiVersion: string; jobs: { compensation?: { summaryComponents: unknown[] }; isRemote: boolean }[] }>(
      '/ashby/posting-api/job-board/clarion-health?includeCompensation=true');
    expect(body.apiVersion).toBe('1');
    expect(body.jobs.length).toBeGreaterThan(5);
    expect(body.jobs.some((j) => (j.compensation?.summaryComponents.length ?? 0) > 0)).toBe(true);
    expect((await get('/ashby/posting-api/job-board/nope?includeCompensation=true')).status).toBe(404);
  });
});

describe('SmartRecruiters', () => {
  it('pages the list with limit/offset and serves the detail with jobAd sections', async () => {
    const first = await getJson<{ totalFound: number; content: { id: string }[] }>('/smartrecruiters/v1/companies/SunbeltMedicalGroup/postings?limit=10&offset=0');
    const second = await getJson<{ content: { id: string }[] }>('/smartrecruiters/v1/companies/SunbeltMedicalGroup/postings?limit=10&offset=10');
    expect(first.totalFound).toBeGreaterThan(10);
    expect(first.content).toHaveLength(10);
    expect(second.content[0]?.id).not.toBe(first.content[0]?.id);
    const detail = await getJson<{ jobAd: { sections: Record<string, { text: string }> } }>(
      `/smartrecruiters/v1/companies/SunbeltMedicalGroup/postings/${first.content[0]?.id}`);
    expect(detail.jobAd.sections['jobDescription']?.text.length).toBeGreaterThan(20);
  });
});

describe('Workday', () => {
  const list = (body: unknown) => get('/workday/wday/cxs/riverbend/Riverbend_Careers/jobs', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });

  it('pages by 20 with total on the first page only and prose postedOn', async () => {
    const first = await (await list({ appliedFacets: {}, limit: 20, offset: 0, searchText: '' })).json() as { total: number; jobPostings: { externalPath: string; postedOn: string }[] };
    expect(first.total).toBeGreaterThan(20);
    expect(first.jobPostings).toHaveLength(20);
    const second = await (await list({ appliedFacets: {}, limit: 20, offset: 20, searchText: '' })).json() as Record<string, unknown>;
    expect(second['total']).toBeUndefined();
    expect(first.jobPostings.every((j) => /^Posted (Today|Yesterday|\d+ Days Ago|30\+ Days Ago)$/.test(j.postedOn))).toBe(true);
    expect((await list({ limit: 50, offset: 0 })).status).toBe(400);
    const detail = await getJson<{ jobPostingInfo: { jobReqId: string; startDate: string } }>(
      `/workday/wday/cxs/riverbend/Riverbend_Careers${first.jobPostings[0]?.externalPath}`);
    expect(detail.jobPostingInfo.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await get('/workday/wday/cxs/riverbend/Riverbend_Careers/jobs')).status).toBe(405);
  });
});

describe('USAJOBS', () => {
  it('requires Authorization-Key and an e-mail User-Agent', async () => {
    expect((await get('/usajobs/api/Search')).status).toBe(401);
    expect((await get('/usajobs/api/Search', { headers: { 'Authorization-Key': 'k-123' } })).status).toBe(401);
    expect((await get('/usajobs/api/Search', { headers: { ...USAJOBS_HEADERS, 'Authorization-Key': 'wrong' } })).status).toBe(401);
    expect((await get('/usajobs/api/Search', { headers: USAJOBS_HEADERS })).status).toBe(200);
  });

  it('pages, filters by series and mixes PA with Per Year', async () => {
    type Search = { SearchResult: { SearchResultCount: number; SearchResultCountAll: number; SearchResultItems: { MatchedObjectId: string; MatchedObjectDescriptor: { JobCategory: { Code: string }[]; PositionRemuneration: { RateIntervalCode: string }[] } }[] } };
    const all = await getJson<Search>('/usajobs/api/Search?ResultsPerPage=500', { headers: USAJOBS_HEADERS });
    const p1 = await getJson<Search>('/usajobs/api/Search?ResultsPerPage=5&Page=1', { headers: USAJOBS_HEADERS });
    const p2 = await getJson<Search>('/usajobs/api/Search?ResultsPerPage=5&Page=2', { headers: USAJOBS_HEADERS });
    expect(p1.SearchResult.SearchResultCount).toBe(5);
    expect(p1.SearchResult.SearchResultCountAll).toBe(all.SearchResult.SearchResultCountAll);
    expect(p2.SearchResult.SearchResultItems[0]?.MatchedObjectId).toBe(all.SearchResult.SearchResultItems[5]?.MatchedObjectId);
    const codes = new Set(all.SearchResult.SearchResultItems.map((i) => i.MatchedObjectDescriptor.PositionRemuneration[0]?.RateIntervalCode));
    expect(codes).toEqual(new Set(['PA', 'Per Year']));
    const series = await getJson<Search>('/usajobs/api/Search?JobCategoryCode=0675', { headers: USAJOBS_HEADERS });
    expect(series.SearchResult.SearchResultCountAll).toBeGreaterThan(0);
    expect(series.SearchResult.SearchResultCountAll).toBeLessThan(all.SearchResult.SearchResultCountAll);
    expect(series.SearchResult.SearchResultItems.every((i) => i.MatchedObjectDescriptor.JobCategory[0]?.Code === '0675')).toBe(true);
  });
});

describe('feeds and iCIMS', () => {
  it('serves RSS, Atom and Indeed XML whose links lead to JSON-LD pages', async () => {
    const rss = await get('/feeds/rss/hitjobs.xml');
    expect(rss.headers.get('content-type')).toContain('rss+xml');
    const rssText = await rss.text();
    expect(rssText).toContain('<rss version="2.0">');
    const link = /<item>.*?<link>([^<]+)<\/link>/.exec(rssText)?.[1];
    expect(await (await fetch(link as string)).text()).toContain('application/ld+json');
    const atomText = await (await get('/feeds/atom/harborpoint.atom')).text();
    expect(atomText).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atomText).toMatch(/<entry><id>urn:harborpoint:job:/);
    const indeed = await (await get('/feeds/indeed/summitcare.xml')).text();
    expect(indeed).toMatch(/^<\?xml[^>]*>\s*<source>/);
    for (const tag of ['title', 'date', 'referencenumber', 'requisitionid']) expect(indeed).toContain(`<${tag}><![CDATA[`);
  });

  it('serves the iCIMS sitemap and JSON-LD only inside the iframe fragment', async () => {
    const sitemap = await (await get('/icims/sitemap.xml')).text();
    const loc = /<loc>([^<]+)<\/loc>/.exec(sitemap)?.[1] as string;
    expect(loc).toMatch(/\/icims\/jobs\/\d+\/[^/]+\/job$/);
    const outer = await (await fetch(loc)).text();
    expect(outer).toContain('in_iframe=1');
    expect(outer).not.toContain('application/ld+json');
    const inner = await (await fetch(`${loc}?in_iframe=1`)).text();
    expect(inner).toContain('"@type":"JobPosting"');
  });
});

describe('truth', () => {
  it('includes cross-board duplicates and agency reposts with refs for every placement', async () => {
    const truth = await getJson<{ postings: { id: string; boards: string[]; refs: { externalId: string }[]; truth: { repostOf: string | null } }[] }>('/_truth');
    expect(truth.postings.some((p) => p.boards.length === 2)).toBe(true);
    expect(truth.postings.some((p) => p.truth.repostOf !== null)).toBe(true);
    expect(truth.postings.every((p) => p.refs.length === p.boards.length && p.refs.every((r) => r.externalId.length > 0))).toBe(true);
  });
});
