import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@himatch/core';
import { createTestDatabase, makeListing, type TestDatabase } from '@himatch/testing';
import { createRepositories } from './index.ts';
import { ListingSearchRepository } from './listing-search.repository.ts';
import type { ListingFilter } from './listing-search.ts';

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
});
