import { describe, expect, it } from 'vitest';
import { areSameJob, clusterListings, duplicateKeys, minhash } from './dedupe.ts';
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

  it('places a remote job by its mode, not the city one board shows', () => {
    const remoteBody = `${BODY} This is a fully remote position.`;
    expect(areSameJob(listing({ description: remoteBody, location: 'Remote - US' }), listing({ description: remoteBody })).same).toBe(true);
  });

  it('tells templated postings apart by pay', () => {
    const r = areSameJob(listing({ salaryText: '$22.00 - $28.00 per hour' }), listing({ salaryText: '$24.50 - $30.00 per hour' }));
    expect(r).toEqual({ same: false, reason: 'same title, employer and place but different pay' });
    expect(areSameJob(listing({ salaryText: '$22.00 - $28.00 per hour' }), listing()).same).toBe(true);
  });

  it('tells a repost weeks later apart from the same posting', () => {
    const first = listing({ postedAt: '2026-09-01T00:00:00Z' });
    expect(areSameJob(first, listing({ postedAt: '2026-09-03T00:00:00Z' })).same).toBe(true);
    expect(areSameJob(first, listing({ postedAt: '2026-11-01T00:00:00Z' })).reason).toMatch(/repost/);
  });

  it('joins two copies of a job even when an unrelated job holds a shared key first', () => {
    // Same template text, so all three share the fingerprint key; only pay differs.
    const items = [
      { id: 'other', listing: listing({ salaryText: '$30.00 - $35.00 per hour' }), sourceKind: 'greenhouse', externalId: '1', requisitionId: null },
      { id: 'copy1', listing: listing({ salaryText: '$22.00 - $28.00 per hour' }), sourceKind: 'greenhouse', externalId: '2', requisitionId: null },
      { id: 'copy2', listing: listing({ salaryText: '$22.00 - $28.00 per hour' }), sourceKind: 'rss', externalId: '3', requisitionId: null },
    ];
    expect(clusterListings(items).map((c) => c.sort()).sort()).toEqual([['copy1', 'copy2'], ['other']]);
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

describe('minhash', () => {
  it('gives the same first hashes however many are asked for, whatever was hashed before', () => {
    const a = 'Code inpatient records using ICD-10-CM and ICD-10-PCS; validate MS-DRG assignment for acute stays.';
    const b = 'Release patient records to requesters under HIPAA; log every disclosure and verify authorizations.';
    const full = minhash(a, 64);
    expect(minhash(a, 32)).toEqual(full.slice(0, 32));
    expect(minhash(b, 4)).not.toEqual(full.slice(0, 4));
    expect(minhash(a, 4)).toEqual(full.slice(0, 4));
    // A returned signature is the caller's own: changing it changes no later answer.
    minhash(a, 32).fill(0);
    expect(minhash(a, 32)).toEqual(full.slice(0, 32));
  });
});
