import { describe, expect, it } from 'vitest';
import { candidateProfileSchema, listingSchema, rawPostingSchema } from '@himatch/core';
import { makeListing, makeProfile, makeRawPosting } from './factories.ts';

describe('factories', () => {
  it('produce valid core objects with overrides applied', () => {
    const listing = makeListing({ title: 'CDI Specialist', role: 'cdi_specialist' });
    expect(listingSchema.parse(listing)).toEqual(listing);
    expect(listing).toMatchObject({ title: 'CDI Specialist', role: 'cdi_specialist' });

    const raw = makeRawPosting({ externalId: 'x-9' });
    expect(rawPostingSchema.parse(raw).externalId).toBe('x-9');

    const profile = makeProfile({ veteran: true });
    expect(candidateProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.veteran).toBe(true);
  });

  it('reject an override that breaks the contract', () => {
    expect(() => makeListing({ roleConfidence: 2 })).toThrow();
    expect(() => makeProfile({ radiusMiles: -1 })).toThrow();
  });
});
