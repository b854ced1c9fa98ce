import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@himatch/core';
import { createTestDatabase, makeListing, type TestDatabase } from '@himatch/testing';
import { createRepositories } from './index.ts';
import { ListingSearchRepository } from './listing-search.repository.ts';
import type { ListingFilter } from './listing-search.ts';
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
}, 120_000);
afterAll(() => t.drop());

async function relevanceTitles(repo: ListingSearchRepository, filter: ListingFilter): Promise<string[]> {
  const titles: string[] = [];
  let page = await repo.search(filter, 'relevance', 4);
  titles.push(...page.items.map((i) => i.title));
  while (page.next) {
    page = await repo.search(filter, 'relevance', 4, page.next);
    titles.push(...page.items.map((i) => i.title));
  }
  return titles;
}

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
    const plain = new ListingSearchRepository(t.db, { pilotSize: 0, relevanceWindow: window });
    const forms: SearchForm[] = [];
    const days = new ListingSearchRepository(t.db, { pilotSize: 10, relevanceWindow: window, trace: (f) => forms.push(f) });
    const filters: ListingFilter[] = [
      { q: 'records clerk' },
      { q: 'inpatient coder', roles: ['coder_inpatient'] },
      { q: 'coder', roles: ['coder_inpatient', 'cdi_specialist'], minAnnualPay: 50_000 },
    ];
    for (const filter of filters) {
      forms.length = 0;
      const expected = await relevanceTitles(plain, filter);
      expect(expected.length).toBe(window);
      expect(await relevanceTitles(days, filter)).toEqual(expected);
      expect(forms[0]).toBe('days');
    }
    // A window larger than all matches: the days read hold too few, and the plain form answers.
    const wide = new ListingSearchRepository(t.db, { pilotSize: 10, relevanceWindow: 40, trace: (f) => forms.push(f) });
    forms.length = 0;
    const all = await relevanceTitles(wide, { q: 'records clerk' });
    expect([...all].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Records Clerk ${2 * i + 1}`).sort());
    expect(forms[0]).not.toBe('days');
  }, 60_000);
});
