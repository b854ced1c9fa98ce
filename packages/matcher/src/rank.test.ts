import { describe, expect, it } from 'vitest';
import { gapAnalysis } from './gaps.ts';
import { NOW, group, hourly, makeListing, makeProfile } from './fixtures.test-support.ts';
import { createRanker, rankListings } from './rank.ts';

const rhitRequired = [group('RHIT required', ['RHIT'])];

describe('rankListings', () => {
  const profile = makeProfile({ credentials: [{ id: 'CPC-A' }], desiredRoles: ['coder_profee'] });
  const listings = [
    makeListing('c-ineligible', { credentials: { required: rhitRequired, preferred: [] } }),
    makeListing('b-conditional', { role: 'coder_profee', credentials: { required: [group('CPC required', ['CPC'])], preferred: [] } }),
    makeListing('a-eligible', { role: 'him_clerk' }),
    makeListing('d-eligible-twin', { role: 'him_clerk' }),
    makeListing('d-eligible-twin2', { role: 'him_clerk' }),
  ];

  it('orders tiers eligible > conditional > ineligible even when fit disagrees', () => {
    const { results, total, nextCursor } = rankListings(profile, listings, { now: NOW });
    expect(total).toBe(5);
    expect(nextCursor).toBeNull();
    expect(results.map((r) => r.eligibility)).toEqual(['eligible', 'eligible', 'eligible', 'conditional', 'ineligible']);
    // The conditional listing is the desired role, yet stays below every eligible one.
    expect(results[3]!.listingId).toBe('b-conditional');
  });

  it('breaks ties stably by listing id whatever the input order', () => {
    const ids = rankListings(profile, [...listings].reverse(), { now: NOW }).results.slice(0, 3).map((r) => r.listingId);
    expect(ids).toEqual(['a-eligible', 'd-eligible-twin', 'd-eligible-twin2']);
  });

  it('paginates with limit/offset and an opaque cursor', () => {
    const first = rankListings(profile, listings, { now: NOW, limit: 2 });
    expect(first.results).toHaveLength(2);
    const second = rankListings(profile, listings, { now: NOW, limit: 2, cursor: first.nextCursor });
    const third = rankListings(profile, listings, { now: NOW, limit: 2, cursor: second.nextCursor });
    expect(third.nextCursor).toBeNull();
    const all = [...first.results, ...second.results, ...third.results].map((r) => r.listingId);
    expect(all).toEqual(rankListings(profile, listings, { now: NOW }).results.map((r) => r.listingId));
    expect(rankListings(profile, listings, { now: NOW, offset: 4, limit: 10 }).results.map((r) => r.listingId)).toEqual(['c-ineligible']);
    expect(() => rankListings(profile, listings, { cursor: 'bogus' })).toThrow(RangeError);
  });

  it('weights are tunable: with only pay weighted, the better-paid listing ranks first', () => {
    const paid = [makeListing('low', { salary: hourly(15, 16) }), makeListing('high', { salary: hourly(30, 32) })];
    const payer = makeProfile({ payFloor: { amount: 20, period: 'hour' } });
    const onlyPay = { role: 0, skills: 0, distance: 0, recency: 0, preferredCredentials: 0, employmentType: 0, workMode: 0, pay: 1 };
    expect(rankListings(payer, paid, { now: NOW, weights: onlyPay }).results[0]!.listingId).toBe('high');
  });

  it('ranks listings added in chunks exactly as all at once', () => {
    const many = Array.from({ length: 1500 }, (_, i) => makeListing(`l-${String(i).padStart(4, '0')}`, {
      role: i % 3 === 0 ? 'coder_profee' : 'him_clerk',
      postedAt: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T00:00:00Z`,
      credentials: { required: i % 4 === 0 ? rhitRequired : [], preferred: [] },
    }));
    const whole = rankListings(profile, many, { now: NOW, limit: 30, offset: 10 });
    for (const size of [1, 7, 1024]) {
      const ranker = createRanker(profile, { now: NOW, limit: 30, offset: 10 });
      for (let i = 0; i < many.length; i += size) ranker.add(many.slice(i, i + size));
      expect(ranker.result()).toEqual(whole);
    }
    expect(whole.total).toBe(1500);
  });

  it('recency lifts the fit', () => {
    const old = makeListing('a-old', { postedAt: '2026-08-01T00:00:00Z' });
    const fresh = makeListing('b-fresh', { postedAt: '2026-11-24T00:00:00Z' });
    expect(rankListings(makeProfile(), [old, fresh], { now: NOW }).results[0]!.listingId).toBe('b-fresh');
  });
});

describe('gapAnalysis', () => {
  it('picks RHIT for an RHIT-eligible graduate when many nearby listings require RHIT', () => {
    const grad = makeProfile({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: true }] });
    const austin = { city: 'Austin', region: 'TX', postalCode: null, country: 'US', lat: 30.27, lon: -97.74 };
    const listings = [
      ...Array.from({ length: 6 }, (_, i) => makeListing(`rhit-${i}`, { credentials: { required: rhitRequired, preferred: [] }, salary: hourly(22, 26) })),
      makeListing('ccs-1', { role: 'coder_inpatient', credentials: { required: [group('CCS required', ['CCS'])], preferred: [] } }),
      makeListing('open-1', { salary: hourly(17, 19) }),
      makeListing('far-rhit', { credentials: { required: rhitRequired, preferred: [] }, locations: [austin] }),
    ];
    const gaps = gapAnalysis(grad, listings, { now: NOW });
    expect(gaps[0]).toMatchObject({ step: 'RHIT', kind: 'credential', additionalEligible: 6 });
    expect(gaps[0]!.exampleListingIds).toHaveLength(5);
    expect(gaps[0]!.exampleListingIds).not.toContain('far-rhit');
    expect(gaps[0]!.medianAnnualPayBefore).toBe(18 * 2080);
    expect(gaps[0]!.medianAnnualPayAfter).toBe(24 * 2080);
    // The graduate already passes the RHIT gate, so the associate-degree step is not offered.
    expect(gaps.some((g) => g.step.startsWith('Associate'))).toBe(false);
    expect(gaps.find((g) => g.step === 'CCS')!.additionalEligible).toBe(1);
    // The examples are the newest listings the step opens, whatever order the listings came in.
    const dated = listings.map((l, i) => ({ ...l, postedAt: new Date(NOW.getTime() - i * 86_400_000).toISOString() }));
    expect(gapAnalysis(grad, dated, { now: NOW })[0]!.exampleListingIds).toEqual(['rhit-0', 'rhit-1', 'rhit-2', 'rhit-3', 'rhit-4']);
    expect(gapAnalysis(grad, [...dated].reverse(), { now: NOW })).toEqual(gapAnalysis(grad, dated, { now: NOW }));
  });

  it('counts newly conditional listings and offers CPC-A → CPC to an apprentice', () => {
    const apprentice = makeProfile({ credentials: [{ id: 'CPC-A' }], experience: [{ area: 'coder_profee', years: 2 }] });
    const listings = [
      makeListing('cpc-1', { role: 'coder_profee', credentials: { required: [group('CPC required', ['CPC'])], preferred: [] } }),
      makeListing('ccs-6mo', { role: 'coder_inpatient', credentials: { required: [group('CCS within 6 months', ['CCS'], { withinMonths: 6 })], preferred: [] } }),
    ];
    const gaps = gapAnalysis(apprentice, listings, { now: NOW });
    expect(gaps.find((g) => g.step === 'CPC-A → CPC (remove apprentice)')).toMatchObject({ additionalEligible: 1, exampleListingIds: ['cpc-1'] });
    expect(gaps.find((g) => g.step === 'CCS')).toMatchObject({ additionalEligible: 1, exampleListingIds: ['ccs-6mo'] });
    expect(gaps.some((g) => g.step.startsWith('CPC ('))).toBe(false);
    // A newcomer without coding years would earn CPC-A: partial for "CPC required", so conditional.
    const newcomer = gapAnalysis(makeProfile(), listings, { now: NOW });
    expect(newcomer.find((g) => g.step === 'CPC (as CPC-A until 2 years of coding)'))
      .toMatchObject({ additionalEligible: 0, additionalConditional: 1 });
  });
});
