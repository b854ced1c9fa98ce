import { ROLES } from '@himatch/core';
import { describe, expect, it } from 'vitest';
import { NOW, group, makeListing, makeProfile } from './fixtures.test-support.ts';
import { rankListings } from './rank.ts';
import { buildProfileIndex, candidatesForListing, matchListingAgainstProfiles } from './reverse.ts';
import { syntheticListings, syntheticProfiles } from './synthetic.test-support.ts';
import { matchListingForAlerts } from './reverse-alerts.ts';

describe('reverse matching', () => {
  const profiles = syntheticProfiles(1500, 7);
  const listings = syntheticListings(40, 11);
  const index = buildProfileIndex(profiles, { now: NOW });

  it('the pre-filter loses no profile that full evaluation finds eligible or conditional', () => {
    // Brute force: every profile against every listing, then the documented reach and role rules.
    const expected = new Map<string, string[]>(listings.map((l) => [l.id, []]));
    for (const { candidateId, profile } of profiles) {
      const families = new Set(profile.desiredRoles.map((role) => ROLES[role].family));
      for (const r of rankListings(profile, listings, { now: NOW, limit: listings.length }).results) {
        const listing = listings.find((l) => l.id === r.listingId)!;
        const wantsRole = families.size === 0 || listing.role === null || families.has(ROLES[listing.role].family);
        const reach = listing.workMode !== 'remote' || profile.workModes.includes('remote');
        if (r.eligibility !== 'ineligible' && wantsRole && reach) expected.get(listing.id)!.push(candidateId);
      }
    }
    let total = 0;
    for (const listing of listings) {
      const fast = matchListingAgainstProfiles(listing, profiles, { now: NOW, index }).map((m) => m.candidateId).sort();
      expect(fast).toEqual(expected.get(listing.id)!.sort());
      total += fast.length;
    }
    expect(total).toBeGreaterThan(50);
  });

  it('alert verdicts equal the explained reverse matches; only those at the threshold alert and are explained', () => {
    let alerts = 0;
    let quiet = 0;
    for (const listing of listings) {
      const full = matchListingAgainstProfiles(listing, profiles, { now: NOW, index });
      const fast = matchListingForAlerts(listing, index, { now: NOW });
      expect(fast.map((v) => [v.candidateId, v.score, v.eligibility])).toEqual(full.map((m) => [m.candidateId, m.result.score, m.result.eligibility]));
      const threshold = new Map(profiles.map((p) => [p.candidateId, p.profile.alertThreshold]));
      for (const [i, v] of fast.entries()) {
        expect(v.alert).toBe(v.score >= threshold.get(v.candidateId)!);
        expect(v.result).toEqual(v.alert ? full[i]!.result : null);
        if (v.alert) alerts++;
        else quiet++;
      }
    }
    expect(alerts).toBeGreaterThan(20);
    expect(quiet).toBeGreaterThan(0);
  });

  it('returns exactly the non-ineligible profiles among those that want the role and can reach the place', () => {
    const listing = makeListing('R1', { credentials: { required: [group('RHIT required', ['RHIT'])], preferred: [] } });
    const people = [
      { candidateId: 'rhia-near', profile: makeProfile({ credentials: [{ id: 'RHIA' }] }) },
      { candidateId: 'rhit-far', profile: makeProfile({ credentials: [{ id: 'RHIT' }], home: { region: 'TX', lat: 30.27, lon: -97.74 } }) },
      { candidateId: 'none-near', profile: makeProfile() },
      { candidateId: 'rhit-coder-only', profile: makeProfile({ credentials: [{ id: 'RHIT' }], desiredRoles: ['coder_inpatient'] }) },
      { candidateId: 'rhit-near', profile: makeProfile({ credentials: [{ id: 'RHIT' }], radiusMiles: 10 }) },
      { candidateId: 'remote-only-wide', profile: makeProfile({ credentials: [{ id: 'RHIT' }], radiusMiles: 3000 }) },
      // Without home coordinates: the distance is unknown, so the state decides (as forward matching reads it).
      { candidateId: 'rhit-nc-unplaced', profile: makeProfile({ credentials: [{ id: 'RHIT' }], home: { region: 'NC', lat: null, lon: null } }) },
      { candidateId: 'rhit-va-unplaced', profile: makeProfile({ credentials: [{ id: 'RHIT' }], home: { region: 'VA', lat: null, lon: null } }) },
    ];
    const idx = buildProfileIndex(people, { now: NOW });
    expect(candidatesForListing(idx, listing).map((c) => c.candidateId).sort()).toEqual(['remote-only-wide', 'rhia-near', 'rhit-nc-unplaced', 'rhit-near']);
    const matches = matchListingAgainstProfiles(listing, people, { now: NOW, index: idx });
    expect(matches.map((m) => m.candidateId).sort()).toEqual(['remote-only-wide', 'rhia-near', 'rhit-nc-unplaced', 'rhit-near']);
    expect(matches.every((m) => m.result.eligibility === 'eligible')).toBe(true);
  });

  it('remote listings reach remote-open profiles in the allowed states only', () => {
    const listing = makeListing('R2', { workMode: 'remote', locations: [], remoteEligibleRegions: ['TX'] });
    const people = [
      { candidateId: 'tx', profile: makeProfile({ home: { region: 'TX', lat: 30.27, lon: -97.74 } }) },
      { candidateId: 'nc', profile: makeProfile() },
      { candidateId: 'tx-onsite-only', profile: makeProfile({ home: { region: 'TX', lat: 30.27, lon: -97.74 }, workModes: ['onsite'] }) },
    ];
    expect(matchListingAgainstProfiles(listing, people, { now: NOW }).map((m) => m.candidateId)).toEqual(['tx']);
  });
});
