import { describe, expect, it } from 'vitest';
import { areSameJob, clusterListings, duplicateKeys } from './dedupe.ts';
import { normalizePosting } from './normalize.ts';

const BODY = 'Assigns ICD-10-CM and CPT codes to outpatient records for the emergency department and ambulatory surgery. Reviews documentation, queries providers and meets coding accuracy standards. Two years of outpatient coding experience; CPC or CCS required. Full-time, Monday through Friday.';

const listing = (over: Record<string, unknown> = {}) => normalizePosting({ title: 'Outpatient Coder', description: BODY, employer: 'Mercy Hospital', location: 'Dallas, TX', ...over });

describe('duplicates', () => {
  it('gives the same fingerprint to the same posting seen twice', () => {
    expect(listing().fingerprint).toBe(listing({ url: 'https://board.example/1' }).fingerprint);
  });

  it('matches a repost with light edits as near-duplicate text', () => {
    const r = areSameJob(listing(), listing({ title: 'Outpatient Coder - Full Time', description: `${BODY} Apply today!` }));
    expect(r.same).toBe(true);
    expect(r.reason).toMatch(/near-duplicate/);
  });

  it('matches on requisition id and employer first', () => {
    const a = listing({ requisitionId: 'R-123' });
    const b = listing({ requisitionId: 'R-123', description: 'Completely different text about the job.' });
    expect(areSameJob(a, b)).toEqual({ same: true, reason: 'same requisition id and employer' });
    expect(areSameJob(a, listing({ requisitionId: 'R-999' })).same).toBe(false);
  });

  it('tells a staffing agency copy apart', () => {
    const agency = listing({ employer: 'Acme Staffing', description: `Our client, a hospital in Dallas, seeks a coder. ${BODY}` });
    const r = areSameJob(listing(), agency);
    expect(r.same).toBe(false);
    expect(r.reason).toMatch(/staffing/);
  });

  it('keeps different places apart', () => {
    expect(areSameJob(listing(), listing({ location: 'Austin, TX' })).same).toBe(false);
  });

  it('clusters by shared keys, stable ids first', () => {
    const items = [
      { id: 'a', listing: listing({ applyUrl: 'https://jobs.example/apply/9?utm_source=x' }), sourceKind: 'greenhouse', externalId: '1', requisitionId: null },
      { id: 'b', listing: listing({ applyUrl: 'https://jobs.example/apply/9', description: 'Short copy.' }), sourceKind: 'rss', externalId: '2', requisitionId: null },
      { id: 'c', listing: listing({ title: 'Outpatient Coder', description: `${BODY} Apply now.` }), sourceKind: 'lever', externalId: '3', requisitionId: null },
      { id: 'd', listing: listing({ title: 'Inpatient Coder', description: 'Assign ICD-10-PCS codes and DRGs.' }), sourceKind: 'lever', externalId: '4', requisitionId: null },
    ];
    const clusters = clusterListings(items).map((c) => c.sort()).sort();
    expect(clusters).toEqual([['a', 'b', 'c'], ['d']]);
    expect(duplicateKeys(items[0]!.listing, items[0]!).some((k) => k.startsWith('apply:'))).toBe(true);
  });
});
