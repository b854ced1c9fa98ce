import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, makeListing, type TestDatabase } from '@himatch/testing';
import { createRepositories } from './index.ts';
import { ListingSearchRepository } from './listing-search.repository.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  const r = createRepositories(t.db);
  const sourceId = (await r.sources.create({ kind: 'lever', name: 'remote-excluded-test' })).id;
  const remote = (i: number, title: string, excluded: string[] | undefined, eligible: string[] = []) => makeListing({
    title, workMode: 'remote', locations: [], remoteEligibleRegions: eligible, remoteExcludedRegions: excluded,
    postedAt: `2026-11-${String((i % 20) + 1).padStart(2, '0')}T10:00:00.000Z`,
  });
  const listings = [
    remote(0, 'Remote Coder (excluding CA)', ['CA']),
    remote(1, 'Remote Coder nationwide', undefined),
    remote(2, 'Remote Coder, unable to hire in CA or NY', ['CA', 'NY']),
    remote(3, 'Remote Coder for TX and CA', undefined, ['TX', 'CA']),
  ];
  // Filler so the pilot (10 newest) has listings to sample.
  for (let i = 0; i < 12; i++) listings.push(remote(i + 4, `Remote Abstractor ${i}`, i % 2 === 0 ? ['WA'] : undefined));
  for (const [i, data] of listings.entries()) {
    await r.listings.upsert({ sourceId, externalId: `r${i}`, rawPostingId: null, contentHash: `h${i}`, data, runId: null });
  }
  await sql`analyze listing`.execute(t.db);
}, 120_000);
afterAll(() => t.drop());

describe('remote-state filter', () => {
  it('leaves out remote postings that cannot hire in the state, on every form', async () => {
    for (const repo of [new ListingSearchRepository(t.db, { pilotSize: 0 }), new ListingSearchRepository(t.db, { pilotSize: 10 })]) {
      const titles = async (state: string, q?: string) =>
        (await repo.search({ remoteState: state, q }, q ? 'relevance' : 'posted', 50)).items.map((i) => i.title).filter((x) => x.startsWith('Remote Coder')).sort();
      expect(await titles('CA')).toEqual(['Remote Coder for TX and CA', 'Remote Coder nationwide']);
      expect(await titles('NY')).toEqual(['Remote Coder (excluding CA)', 'Remote Coder nationwide']);
      expect(await titles('TX', 'coder')).toEqual(['Remote Coder (excluding CA)', 'Remote Coder for TX and CA', 'Remote Coder nationwide', 'Remote Coder, unable to hire in CA or NY']);
      const page = await repo.search({ remoteState: 'OR' }, 'posted', 50);
      expect(page.items.find((i) => i.title === 'Remote Coder, unable to hire in CA or NY')?.remoteExcludedRegions).toEqual(['CA', 'NY']);
      const facets = await repo.facets({ remoteState: 'WA' }, ['workMode']);
      // 16 remote postings: the 6 abstractors closed to WA, and the TX/CA-only one, are not counted.
      expect(facets.counts.workMode).toEqual([{ value: 'remote', count: 9 }]);
    }
  }, 60_000);
});
