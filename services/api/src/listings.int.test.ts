import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeListing } from '@himatch/testing';
import { plausibleFilter, rankListings } from '@himatch/matcher';
import { bearer, createTestApp, type TestApp } from './test-support.ts';

let h: TestApp;
let sourceId: string;
const STATES = ['TX', 'CA', 'OH'];
const ROLES = ['him_technician', 'coder_inpatient', 'cancer_registrar'] as const;

async function seed(): Promise<void> {
  const source = await h.repos.sources.create({ kind: 'greenhouse', name: 'seed-board', config: { boardToken: 'seed' }, cron: null, enabled: true, politeness: {} });
  sourceId = source.id;
  for (let i = 0; i < 45; i++) {
    const state = STATES[i % 3]!;
    const role = ROLES[i % 3]!;
    const annual = 40_000 + i * 1000;
    const listing = makeListing({
      title: i === 7 ? '=HYPERLINK("http://evil")' : `${role === 'cancer_registrar' ? 'Cancer Registrar' : 'Records Coder'} ${i}`,
      role, employer: i % 5 === 0 ? 'Mercy Health' : 'Riverside General Hospital',
      postedAt: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
      locations: [{ city: 'Somewhere', region: state, postalCode: null, country: 'US', lat: state === 'TX' ? 32.78 : 40.0, lon: state === 'TX' ? -96.8 : -83.0 }],
      salary: i % 4 === 0 ? null : { min: annual, max: annual, currency: 'USD', period: 'year', annualMin: annual, annualMax: annual, provenance: 'structured' },
      credentials: { required: i % 2 === 0 ? [{ anyOf: ['RHIT'], eligibleAccepted: false, withinMonths: null, evidence: null }] : [], preferred: i % 3 === 0 ? [{ anyOf: ['CCS'], eligibleAccepted: false, withinMonths: null, evidence: null }] : [] },
    });
    await h.repos.listings.upsert({ sourceId, externalId: `x${i}`, rawPostingId: null, contentHash: `h${i}`, data: listing, runId: null });
  }
}

beforeAll(async () => {
  h = await createTestApp();
  await seed();
}, 120_000);
afterAll(async () => { await h?.close(); }, 60_000);

const get = (url: string, key = h.keys.recruiter) => h.app.inject({ url, headers: bearer(key) });
type Page = { items: { id: string; title: string; salaryAnnualMax: number | null; region: string; role: string }[]; next: string | null; facets?: Record<string, { value: string; count: number }[]>; facetScope?: { scanned: number; capped: boolean } };

async function walk(query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await get(`/listings?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    ids.push(...page.items.map((i) => i.id));
    cursor = page.next;
    if (!cursor) return ids;
  }
  throw new Error('too many pages');
}

describe('GET /listings', () => {
  it('keyset pages walk every listing once, on every sort', async () => {
    for (const sort of ['posted', 'pay']) {
      const ids = await walk(`sort=${sort}`, 7);
      expect(ids.length, sort).toBe(45);
      expect(new Set(ids).size, sort).toBe(45);
    }
    const relevance = await walk('q=registrar', 4);
    expect(relevance.length).toBe(15);
    expect(new Set(relevance).size).toBe(15);
  });

  it('filters and facets agree with the data', async () => {
    const tx = (await get('/listings?state=TX&limit=100&facets=role,state,credential')).json<Page>();
    expect(tx.items.length).toBe(15);
    expect(tx.items.every((i) => i.region === 'TX')).toBe(true);
    expect(tx.facets?.state).toEqual([{ value: 'TX', count: 15 }]);
    expect(tx.facetScope).toEqual({ scanned: 15, capped: false });
    expect(tx.facets?.role?.reduce((n, f) => n + f.count, 0)).toBe(15);
    const rhit = (await get('/listings?credential=RHIT&credentialMode=required&limit=100')).json<Page>();
    expect(rhit.items.length).toBe(23);
    const paid = (await get('/listings?minPay=39&payPeriod=hour&limit=100')).json<Page>();
    expect(paid.items.every((i) => (i.salaryAnnualMax ?? 0) >= 81_120)).toBe(true);
    expect(paid.items.length).toBe(2);
    const near = (await get('/listings?nearZip=75201&radiusMiles=30&limit=100')).json<Page>();
    expect(near.items.length).toBe(15);
    const mercy = (await get('/listings?employer=mercy+health&source=seed-board&limit=100')).json<Page>();
    expect(mercy.items.length).toBe(9);
    const byId = (await get(`/listings?source=${sourceId}&role=cancer_registrar,coder_inpatient&limit=100`)).json<Page>();
    expect(byId.items.length).toBe(30);
    // Pay bands by the top of the range (40,000 + i * 1,000; none for i divisible by 4), degree, federal grade.
    const bands = (await get('/listings?limit=1&facets=pay,degree,federalGrade')).json<Page>();
    expect(bands.facets?.pay).toEqual([{ value: 'not_stated', count: 12 }, { value: '50k_60k', count: 8 }, { value: '70k_80k', count: 8 }, { value: '40k_50k', count: 7 }, { value: '60k_70k', count: 7 }, { value: '80k_100k', count: 3 }]);
    expect(bands.facets?.degree?.reduce((n, f) => n + f.count, 0)).toBe(45);
    expect(bands.facets?.federalGrade).toEqual([]);
  });

  it('text search with index-covered and uncovered filters: relevance pages and facets agree with the data', async () => {
    // role and credential are checked in the narrow index walk, q and pay on the row itself.
    const res = await get('/listings?q=coder&role=coder_inpatient&credential=RHIT&credentialMode=required&minPay=60000&facets=role,state');
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    expect(page.items.map((i) => i.title).sort()).toEqual(['Records Coder 22', 'Records Coder 34']);
    expect(page.facets?.role).toEqual([{ value: 'coder_inpatient', count: 2 }]);
    expect(page.facets?.state).toEqual([{ value: 'CA', count: 2 }]);
    const ca = await walk('q=coder&state=CA', 4);
    // i ≡ 1 (mod 3) are CA Records Coders, except i = 7 (the HYPERLINK title).
    expect(new Set(ca).size).toBe(14);
    expect(ca.length).toBe(14);
  });

  it('bad input answers 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['limit=10000', 'limit'], ['minPay=abc', 'minPay'], ['foo=1', 'foo'], ['role=astronaut', 'role.0'], ['state=Texas', 'state.0'],
      ['nearZip=00000', 'nearZip'], ['radiusMiles=5', 'radiusMiles'], ['sort=relevance', 'sort'], ['cursor=bm9wZQ', 'cursor'],
      ['credentialMode=required', 'credentialMode'], ['minPay=90000&maxPay=10', 'maxPay'], ['postedSince=yesterday', 'postedSince'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/listings?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ field: string }>().field, query).toBe(field);
    }
  });

  it('SQL in q and filters is data, not SQL', async () => {
    const before = await h.repos.listings.countBySource();
    for (const query of [`q=${encodeURIComponent("'; drop table listing; --")}`, `employer=${encodeURIComponent("x' or '1'='1")}`, `source=${encodeURIComponent("bench'; delete from source; --")}`]) {
      const res = await get(`/listings?${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(res.json<Page>().items, query).toEqual([]);
    }
    expect(await h.repos.listings.countBySource()).toEqual(before);
  });

  it('one listing with its cluster; unknown id 404', async () => {
    const first = (await get('/listings?limit=1')).json<Page>().items[0]!;
    const res = await get(`/listings/${first.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ listing: { id: string; data: { title: string } } }>().listing.data.title).toBe(first.title);
    expect((await get('/listings/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/listings/not-a-uuid')).statusCode).toBe(400);
  });

  it('CSV export escapes formula cells and has every matching row', async () => {
    const res = await get('/listings.csv?sort=posted');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines.length).toBe(46);
    const header = lines[0]!.split(',');
    expect(header.slice(-7)).toEqual(['apply_url', 'states', 'remote_states', 'remote_excluded_states', 'federal_series', 'federal_grade_low', 'federal_grade_high']);
    const states = header.indexOf('states');
    expect(new Set(lines.slice(1).filter((l) => !l.includes('HYPERLINK')).map((l) => l.split(',')[states]))).toEqual(new Set(STATES));
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('market: credential shares, pay quartiles, top employers', async () => {
    const res = await get('/market');
    expect(res.statusCode).toBe(200);
    const m = res.json<{ total: number; credentials: { credential: string; requiring: number; requiringShare: number }[]; pay: { role: string; count: number; median: number }[]; topEmployers: { employer: string; count: number }[] }>();
    expect(m.total).toBe(45);
    expect(m.credentials.find((c) => c.credential === 'RHIT')).toMatchObject({ requiring: 23, requiringShare: 0.5111 });
    expect(m.pay.reduce((n, p) => n + p.count, 0)).toBe(33);
    expect(m.topEmployers[0]).toEqual({ employer: 'Riverside General Hospital', count: 36 });
  });
});

describe('operators', () => {
  it('sources: create, validate, edit, pause, crawl now, runs, delete', async () => {
    const op = bearer(h.keys.operator);
    const count = async () => (await h.repos.sources.list()).length;
    const before = await count();
    const badConfig = await h.app.inject({ method: 'POST', url: '/sources', headers: op, payload: { kind: 'greenhouse', name: 'gh', config: {} } });
    expect(badConfig.json()).toMatchObject({ error: 'bad_request', field: 'config.boardToken' });
    const html = await h.app.inject({ method: 'POST', url: '/sources', headers: op, payload: { kind: 'greenhouse', name: '<script>alert(1)</script>', config: { boardToken: 'a' } } });
    expect(html.statusCode).toBe(400);
    expect(html.json()).toMatchObject({ field: 'name' });
    expect(await count()).toBe(before);

    const created = await h.app.inject({ method: 'POST', url: '/sources', headers: op, payload: { kind: 'greenhouse', name: 'Acme Health', config: { boardToken: 'acme' }, cron: '0 */6 * * *' } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await h.app.inject({ method: 'POST', url: '/sources', headers: op, payload: { kind: 'greenhouse', name: 'Acme Health', config: { boardToken: 'acme' } } })).statusCode).toBe(409);
    const patched = await h.app.inject({ method: 'PATCH', url: `/sources/${id}`, headers: op, payload: { cron: null, name: 'Acme Health 2' } });
    expect(patched.json()).toMatchObject({ name: 'Acme Health 2', cron: null });
    expect((await h.app.inject({ method: 'POST', url: `/sources/${id}/pause`, headers: op })).json()).toMatchObject({ enabled: false });
    expect((await h.app.inject({ method: 'POST', url: `/sources/${id}/resume`, headers: op })).json()).toMatchObject({ enabled: true });
    const crawl = await h.app.inject({ method: 'POST', url: `/sources/${id}/crawl`, headers: op });
    expect(crawl.statusCode).toBe(202);
    const queues = (await h.app.inject({ url: '/queues', headers: op })).json<{ queues: { crawler: { waiting: number } } }>();
    expect(queues.queues.crawler.waiting).toBe(1);
    const runs = (await h.app.inject({ url: `/sources/${id}/runs`, headers: op })).json<{ runs: { id: string; status: string }[]; health: { consecutiveFailures: number } }>();
    expect(runs.runs.map((r) => r.id)).toEqual([crawl.json<{ runId: string }>().runId]);
    expect(runs.health.consecutiveFailures).toBe(0);
    expect((await h.app.inject({ url: `/sources/${id}/health`, headers: op })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/sources', headers: op })).json<{ sources: unknown[] }>().sources.length).toBe(before + 1);
    expect((await h.app.inject({ method: 'DELETE', url: `/sources/${id}`, headers: op })).statusCode).toBe(204);
    expect((await h.app.inject({ url: `/sources/${id}`, headers: op })).statusCode).toBe(404);
  });

  it('queues: failed jobs listed, unknown retry 404, unknown queue 400; metrics and dashboard for operators', async () => {
    const op = bearer(h.keys.operator);
    expect((await h.app.inject({ url: '/queues/crawler/failed', headers: op })).json()).toEqual({ jobs: [] });
    expect((await h.app.inject({ method: 'POST', url: '/queues/crawler/failed/nope/retry', headers: op })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/queues/nope/failed', headers: op })).statusCode).toBe(400);
    const metrics = await h.app.inject({ url: '/metrics', headers: op });
    expect(metrics.body).toContain('himatch_jobs{queue="crawler",state="waiting"}');
    expect(metrics.body).toMatch(/himatch_listings_open\{role="cancer_registrar"\} 15/);
    expect(metrics.body).toContain('himatch_http_requests_total');
    expect((await h.app.inject({ url: '/admin/queues', headers: op })).statusCode).toBe(200);
  });
});

describe('candidates', () => {
  it('matches are ranked with checks and paged by cursor; gaps answer', async () => {
    const key = bearer(h.keys.candidate);
    const first = await h.app.inject({ url: `/candidates/${h.candidateId}/matches?limit=10`, headers: key });
    expect(first.statusCode).toBe(200);
    const page = first.json<{ results: { listingId: string; score: number; checks: unknown[] }[]; total: number; next: string }>();
    // The listings within reach, ranked as ranking every one of them would.
    const profile = (await h.repos.candidates.getById(h.candidateId))!.profile;
    const reachable = await h.repos.plausibleListings.forCandidate(plausibleFilter(profile));
    expect(reachable.length).toBeGreaterThan(10);
    expect(page.total).toBe(reachable.length);
    const expected = rankListings(profile, reachable, { limit: 10 }).results;
    expect(page.results.map((r) => r.listingId)).toEqual(expected.map((r) => r.listingId));
    // Recency moved on by the ms between the two rankings.
    page.results.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 6));
    expect(page.results[0]?.checks.length).toBeGreaterThan(0);
    const second = (await h.app.inject({ url: `/candidates/${h.candidateId}/matches?limit=10&cursor=${page.next}`, headers: key })).json<typeof page>();
    expect(second.results.some((r) => page.results.some((p) => p.listingId === r.listingId))).toBe(false);
    expect((await h.app.inject({ url: `/candidates/${h.candidateId}/matches?cursor=zzz`, headers: key })).statusCode).toBe(400);
    expect((await h.app.inject({ url: `/candidates/${h.candidateId}/gaps`, headers: key })).json()).toHaveProperty('gaps');
  });
});
