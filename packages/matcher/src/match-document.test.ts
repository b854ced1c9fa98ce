import { describe, expect, it } from 'vitest';
import type { Listing } from '@himatch/core';
import { matchDocument } from './prepare-listing.ts';
import { rankListings } from './rank.ts';
import { rng, syntheticListings, syntheticProfiles } from './synthetic.test-support.ts';
import { makeProfile } from './fixtures.test-support.ts';
import type { ListingWithId } from './prepare-listing.ts';

// Forward matching ranks the stored match document, not the full listing: it must rank and
// explain exactly as the full listing does, for every profile, including the guard checks
// that read the text.

const TEXTS = [
  'Title 32 dual status technician; membership in the Air National Guard is required.',
  'Must be a member of the Army National Guard (ARNG) unit.',
  'Supports the 145th Airlift Wing medical group. ANG members only.',
  'Applicants from the Army Guard or the Air Guard may apply.',
  'Records technician for the clinic. Keeps the wings of the hospital organized.',
  `${'Filler text about coding. '.repeat(900)} Air National Guard appears only after the first 20,000 characters.`,
  'Plain description without any military words, with <b>bold</b> HTML stand-ins.',
];

function withGuardText(listings: ListingWithId[]): ListingWithId[] {
  const r = rng(11);
  return listings.map((l, i) => {
    const military = r() < 0.5;
    const federal: Listing['federal'] = military
      ? { series: ['0671'], payPlan: 'GS', gradeLow: 7, gradeHigh: 7, title32: true, militaryMembershipRequired: true, whoMayApply: ['guard_members'] }
      : l.federal;
    const text = TEXTS[i % TEXTS.length]!;
    return { ...l, federal, descriptionText: text, descriptionHtml: `<p>${text}</p>`, relevanceReasons: ['matched a HIT title'] };
  });
}

describe('matchDocument', () => {
  const listings = withGuardText(syntheticListings(400, 5));
  const compact = listings.map((l): ListingWithId => ({ ...matchDocument(l), id: l.id }));

  it('is much smaller than the listing and keeps only the guard words of the text', () => {
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(listings).length / 2);
    expect(matchDocument(listings[2]!).descriptionText).toBe('Wing . ANG');
    expect(matchDocument(listings[6]!)).toMatchObject({ descriptionHtml: '', relevanceReasons: [], descriptionText: '' });
  });

  it('ranks and explains exactly as the full listing for every profile, guard members included', () => {
    const profiles = [
      ...syntheticProfiles(25, 9).map((p) => p.profile),
      makeProfile({ military: { member: true, branch: 'air_national_guard' } }),
      makeProfile({ military: { member: true, branch: 'army_national_guard' } }),
    ];
    for (const profile of profiles) {
      const full = rankListings(profile, listings, { limit: 400, now: new Date('2026-11-25T00:00:00Z') });
      const slim = rankListings(profile, compact, { limit: 400, now: new Date('2026-11-25T00:00:00Z') });
      expect(slim).toEqual(full);
    }
  });
});
