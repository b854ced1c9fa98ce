import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type Listing } from '@himatch/core';
import { createTestDatabase, makeListing, type TestDatabase } from '@himatch/testing';
import { createRepositories, type Repositories } from './index.ts';

let t: TestDatabase;
let r: Repositories;
let sourceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  r = createRepositories(t.db);
  sourceId = (await r.sources.create({ kind: 'lever', name: 'listing-test' })).id;
});
afterAll(() => t.drop());

function upsert(externalId: string, data: Listing, runId: string | null = null, source = sourceId) {
  return r.listings.upsert({ sourceId: source, externalId, rawPostingId: null, contentHash: contentHash(data), data, runId });
}

describe('ListingRepository.upsert', () => {
  it('reports new / unchanged / changed and projects the filter columns', async () => {
    const run = await r.crawlRuns.start(sourceId);
    const data = makeListing({ title: 'Inpatient Coder', role: 'coder_inpatient' });
    const first = await upsert('u1', data, run.id);
    expect(first.outcome).toBe('new');
    expect(await upsert('u1', data, run.id)).toEqual({ id: first.id, outcome: 'unchanged' });
    const changed = await upsert('u1', { ...data, title: 'Inpatient Coder II' }, run.id);
    expect(changed).toEqual({ id: first.id, outcome: 'changed' });

    const row = await r.listings.getById(first.id);
    expect(row).toMatchObject({
      title: 'Inpatient Coder II',
      role: 'coder_inpatient',
      region: 'TX',
      regions: ['TX'],
      requiredCredentials: ['RHIA', 'RHIT'],
      acceptedCredentials: ['CCS', 'RHIA', 'RHIT'],
      salaryAnnualMin: 41600,
      salaryAnnualMax: 54080,
      minEducation: 'associate',
      status: 'open',
      lastSeenRunId: run.id,
    });
    expect(row?.postedAt).toEqual(new Date('2026-11-01T00:00:00.000Z'));
    expect(row?.data.title).toBe('Inpatient Coder II');
  });

  it('reopens a closed listing when it is seen again, as a change', async () => {
    const { id } = await upsert('reopen', makeListing({ closesAt: '2026-01-01T00:00:00.000Z' }));
    expect(await r.listings.closeExpired(new Date('2026-02-01T00:00:00Z'))).toContain(id);
    expect((await r.listings.getById(id))?.closedReason).toBe('expired');

    const again = await upsert('reopen', makeListing({ closesAt: '2026-01-01T00:00:00.000Z' }));
    expect(again).toEqual({ id, outcome: 'changed' });
    const row = await r.listings.getById(id);
    expect(row?.status).toBe('open');
    expect(row?.closedReason).toBeNull();
  });
});

describe('ListingRepository.closeMissing', () => {
  it('counts misses and closes past the limit, sparing listings seen in the run', async () => {
    const other = (await r.sources.create({ kind: 'lever', name: 'close-missing' })).id;
    const run1 = await r.crawlRuns.start(other);
    const kept = await upsert('kept', makeListing(), run1.id, other);
    const gone = await upsert('gone', makeListing(), run1.id, other);

    const run2 = await r.crawlRuns.start(other);
    await upsert('kept', makeListing(), run2.id, other);
    expect(await r.listings.closeMissing(other, run2.id, 2)).toEqual({ missed: 1, closedIds: [] });
    expect((await r.listings.getById(gone.id))?.missedRuns).toBe(1);

    const run3 = await r.crawlRuns.start(other);
    await upsert('kept', makeListing(), run3.id, other);
    expect(await r.listings.closeMissing(other, run3.id, 2)).toEqual({ missed: 1, closedIds: [gone.id] });
    const closed = await r.listings.getById(gone.id);
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'not_seen', missedRuns: 2 });
    expect((await r.listings.getById(kept.id))?.missedRuns).toBe(0);

    // Seen again: missed runs reset.
    await upsert('gone', makeListing(), run3.id, other);
    expect(await r.listings.getById(gone.id)).toMatchObject({ status: 'open', missedRuns: 0, closedReason: null });
  });
});

describe('ListingRepository.search and counts', () => {
  it('filters by text, role, region, credential, pay and pages by keyset', async () => {
    const src = (await r.sources.create({ kind: 'rss', name: 'search-test' })).id;
    const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T00:00:00.000Z`;
    for (let i = 1; i <= 5; i++) {
      await upsert(`s${i}`, makeListing({ title: `Cancer Registrar ${i}`, role: 'cancer_registrar', postedAt: day(i) }), null, src);
    }
    await upsert('undated', makeListing({ title: 'Cancer Registrar undated', role: 'cancer_registrar', postedAt: null }), null, src);
    await upsert('remote', makeListing({
      title: 'Remote Risk Adjustment Coder', role: 'coder_risk_adjustment', workMode: 'remote', locations: [], remoteEligibleRegions: ['OR'],
      credentials: { required: [{ anyOf: ['CRC'], eligibleAccepted: false, withinMonths: null, evidence: null }], preferred: [] },
      salary: { min: 70000, max: 80000, currency: 'USD', period: 'year', annualMin: 70000, annualMax: 80000, provenance: 'structured' },
    }), null, src);

    const byRole = await r.listings.countByRole();
    expect(byRole.find((c) => c.role === 'cancer_registrar')?.count).toBe(6);
    expect((await r.listings.countBySource()).find((c) => c.sourceId === src)?.count).toBe(7);
  });

  it('lists open listings for matching in id order', async () => {
    const all = await r.listings.listOpenForMatching(1000);
    const ids = all.map((l) => l.id);
    expect(ids).toEqual([...ids].sort());
    const rest = await r.listings.listOpenForMatching(1000, ids[0]);
    expect(rest.map((l) => l.id)).toEqual(ids.slice(1));
  });
});
