import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { contentHash } from '@himatch/core';
import { createTestDatabase, makeListing, type TestDatabase } from '@himatch/testing';
import { createRepositories } from './index.ts';
import { ListingSearchRepository } from './listing-search.repository.ts';
import type { ListingFilter, ListingSort } from './listing-search.ts';
import type { SearchForm } from './listing-search.repository.ts';

let t: TestDatabase;
const ROLES = ['coder_inpatient', 'cdi_specialist', 'him_technician'] as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const r = createRepositories(t.db);
  const sourceId = (await r.sources.create({ kind: 'lever', name: 'search-split-test' })).id;
  for (let i = 0; i < 60; i++) {
    const data = makeListing({
      title: i % 2 === 0 ? `Inpatient Coder ${i}` : `Records Clerk ${i}`, role: ROLES[i % 3]!,
      postedAt: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T0${i % 10}:00:00.000Z`,
      salary: { min: 40_000 + i * 1000, max: 40_000 + i * 1000, currency: 'USD', period: 'year', annualMin: 40_000 + i * 1000, annualMax: 40_000 + i * 1000, provenance: 'structured' },
    });
    await r.listings.upsert({ sourceId, externalId: `s${i}`, rawPostingId: null, contentHash: contentHash(data), data, runId: null });
  }
  // Federal listings: series 0675 at grades 5-7 (i even) or 0679 at grade 4 (i odd).
  for (let i = 0; i < 12; i++) {
    const data = makeListing({
      title: `Medical Records Technician ${i}`, role: 'him_technician', postedAt: `2026-09-${String(i + 1).padStart(2, '0')}T12:00:00.000Z`,
      federal: { series: [i % 2 === 0 ? '0675' : '0679'], payPlan: 'GS', gradeLow: i % 2 === 0 ? 5 : 4, gradeHigh: i % 2 === 0 ? 7 : 4, title32: false, militaryMembershipRequired: false, whoMayApply: [] },
    });
    await r.listings.upsert({ sourceId, externalId: `f${i}`, rawPostingId: null, contentHash: contentHash(data), data, runId: null });
  }
  // The pilot reads the table's size from the planner's statistics.
  await sql`analyze listing`.execute(t.db);
}, 120_000);
afterAll(() => t.drop());

/** Every page of a search, followed by its cursor, as the listings' titles and ids. */
async function allPages(repo: ListingSearchRepository, filter: ListingFilter, sort: ListingSort, size: number): Promise<{ title: string; id: string }[]> {
  const items: { title: string; id: string }[] = [];
  let page = await repo.search(filter, sort, size);
  items.push(...page.items);
  while (page.next) {
    page = await repo.search(filter, sort, size, page.next);
    items.push(...page.items);
  }
  return items.map(({ title, id }) => ({ title, id }));
}

const relevanceTitles = async (repo: ListingSearchRepository, filter: ListingFilter) => (await allPages(repo, filter, 'relevance', 4)).map((i) => i.title);

describe('ListingSearchRepository relevance window', () => {
  it('the narrow-index walk and the plain form return the same pages', async () => {
    const plain = new ListingSearchRepository(t.db, { fewMatches: Number.POSITIVE_INFINITY });
    const narrow = new ListingSearchRepository(t.db, { fewMatches: 0 });
    const filter: ListingFilter = { q: 'inpatient coder', roles: ['coder_inpatient'], minAnnualPay: 60_000 };
    const expected = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 6 === 0 && 40_000 + i * 1000 >= 60_000).map((i) => `Inpatient Coder ${i}`);
    const fromPlain = await relevanceTitles(plain, filter);
    const fromNarrow = await relevanceTitles(narrow, filter);
    expect([...fromPlain].sort()).toEqual([...expected].sort());
    expect(fromNarrow).toEqual(fromPlain);
    const plainFacets = await plain.facets(filter, ['role', 'workMode']);
    expect(plainFacets.counts.role).toEqual([{ value: 'coder_inpatient', count: expected.length }]);
    expect(await narrow.facets(filter, ['role', 'workMode'])).toEqual(plainFacets);
  }, 60_000);

  it('the newest-days form returns the pages of the plain form, and falls back when those days hold too few matches', async () => {
    // 60 listings over 28 days, two a day in the newest days: the 10-listing pilot sees ~2.5 a day.
    const window = 6;
    const plain = new ListingSearchRepository(t.db, { pilotSize: 0, relevanceWindow: window, facetWindow: window });
    const forms: SearchForm[] = [];
    const days = new ListingSearchRepository(t.db, { pilotSize: 10, relevanceWindow: window, facetWindow: window, dayCostInRows: 0, trace: (f) => forms.push(f) });
    const filters: ListingFilter[] = [
      { q: 'records clerk', minAnnualPay: 41_000 },
      { q: 'inpatient coder', roles: ['coder_inpatient'] },
      { q: 'coder', roles: ['coder_inpatient', 'cdi_specialist'], minAnnualPay: 50_000 },
    ];
    for (const filter of filters) {
      forms.length = 0;
      const expected = await relevanceTitles(plain, filter);
      expect(expected.length).toBe(window);
      expect(await relevanceTitles(days, filter)).toEqual(expected);
      expect(forms[0]).toBe('days');
      forms.length = 0;
      const facets = await days.facets(filter, ['role', 'credential']);
      expect(forms).toEqual(['days']);
      expect(facets).toEqual(await plain.facets(filter, ['role', 'credential']));
      expect(facets.scanned).toBe(window);
    }
    // A text query alone walks newest first; its facets read the newest rows straight from the walk.
    forms.length = 0;
    expect(await relevanceTitles(days, { q: 'records clerk' })).toEqual(await relevanceTitles(plain, { q: 'records clerk' }));
    expect(forms[0]).not.toBe('days');
    forms.length = 0;
    const walked = await days.facets({ q: 'records clerk' }, ['role', 'state']);
    expect(forms).toEqual(['walk']);
    expect(walked).toEqual(await plain.facets({ q: 'records clerk' }, ['role', 'state']));
    // A window larger than all matches: the days read hold too few, and the plain form answers.
    const wide = new ListingSearchRepository(t.db, { pilotSize: 10, relevanceWindow: 40, dayCostInRows: 0, trace: (f) => forms.push(f) });
    forms.length = 0;
    const all = await relevanceTitles(wide, { q: 'records clerk', minAnnualPay: 40_000 });
    expect([...all].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Records Clerk ${2 * i + 1}`).sort());
    expect(forms[0]).not.toBe('days');
    forms.length = 0;
    const wideFacets = await new ListingSearchRepository(t.db, { pilotSize: 10, facetWindow: 40, dayCostInRows: 0, trace: (f) => forms.push(f) }).facets({ q: 'records clerk', minAnnualPay: 40_000 }, ['role']);
    expect(forms).not.toContain('days');
    expect(wideFacets.counts.role?.reduce((n, v) => n + v.count, 0)).toBe(30);
  }, 60_000);

  it('facets of a federal search walk the federal listings index-only and count what the plain form counts', async () => {
    const forms: SearchForm[] = [];
    const walked = new ListingSearchRepository(t.db, { pilotSize: 10, facetWindow: 4, trace: (f) => forms.push(f) });
    const plain = new ListingSearchRepository(t.db, { pilotSize: 0, facetWindow: 4 });
    for (const filter of [{ federalSeries: '0675', federalGrade: 6 }, { federalSeries: '0679', states: ['CA', 'TX'] }, { federalGrade: 4, roles: ['him_technician'] }] satisfies ListingFilter[]) {
      forms.length = 0;
      const facets = await walked.facets(filter, ['role', 'state', 'workMode']);
      expect(forms).toEqual(['walk']);
      expect(facets).toEqual(await plain.facets(filter, ['role', 'state', 'workMode']));
      expect(facets.counts.role?.[0]?.value).toBe('him_technician');
    }
    // Fewer than the window: every federal listing of the series is counted.
    const all = await walked.facets({ federalSeries: '0675' }, ['role']);
    expect(all).toMatchObject({ scanned: 4, capped: true });
    const wide = await new ListingSearchRepository(t.db, { pilotSize: 10 }).facets({ federalSeries: '0675' }, ['role']);
    expect(wide).toEqual({ counts: { role: [{ value: 'him_technician', count: 6 }] }, scanned: 6, capped: false });
  }, 60_000);

  it('newest-first pages under index-carried filters walk and return the pages of the plain form', async () => {
    const forms: SearchForm[] = [];
    const walked = new ListingSearchRepository(t.db, { pilotSize: 10, trace: (f) => forms.push(f) });
    const plain = new ListingSearchRepository(t.db, { pilotSize: 0 });
    const pages = async (repo: ListingSearchRepository, filter: ListingFilter) => (await allPages(repo, filter, 'posted', 5)).map((i) => i.id);
    const filters: ListingFilter[] = [{ roles: ['coder_inpatient'] }, { roles: ['cdi_specialist'], near: { lat: 32.78, lon: -96.8, radiusMiles: 10 } }, { federalSeries: '0675' }];
    for (const filter of filters) {
      forms.length = 0;
      const expected = await pages(plain, filter);
      expect(expected.length).toBeGreaterThan(5);
      expect(await pages(walked, filter)).toEqual(expected);
      expect(forms[0]).toBe('walk');
    }
  }, 60_000);

  it('facets by degree, pay band and federal grade count what the rows hold', async () => {
    for (const repo of [new ListingSearchRepository(t.db, { pilotSize: 0 }), new ListingSearchRepository(t.db, { pilotSize: 10 })]) {
      const { counts, scanned, capped } = await repo.facets({}, ['pay', 'federalGrade', 'degree']);
      expect({ scanned, capped }).toEqual({ scanned: 72, capped: false });
      // Pay 40,000 + i * 1,000 for i < 60; the 12 federal listings the factory's $20-26 an hour (54,080 a year at most).
      expect(counts.pay).toEqual([
        { value: '50k_60k', count: 22 }, { value: '80k_100k', count: 20 }, { value: '40k_50k', count: 10 }, { value: '60k_70k', count: 10 },
        { value: '70k_80k', count: 10 },
      ]);
      // Grades 5-7 (six listings) count once per grade; grade 4 (six listings).
      expect(counts.federalGrade).toEqual([{ value: '4', count: 6 }, { value: '5', count: 6 }, { value: '6', count: 6 }, { value: '7', count: 6 }]);
      expect(counts.degree?.reduce((n, v) => n + v.count, 0)).toBe(72);
    }
    const federal = await new ListingSearchRepository(t.db, { pilotSize: 10 }).facets({ federalGrade: 6 }, ['federalGrade', 'role']);
    expect(federal.counts.federalGrade).toEqual([{ value: '5', count: 6 }, { value: '6', count: 6 }, { value: '7', count: 6 }]);
  }, 60_000);
});
