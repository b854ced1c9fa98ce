// Builders for tests: every listing goes through core's listingSchema, so a fixture that the
// contract would reject fails loudly.
import { candidateProfileSchema, listingSchema } from '@himatch/core';
import type { CandidateProfile, CandidateProfileInput, CredentialGroup, Listing } from '@himatch/core';
import type { ListingWithId } from './prepare-listing.ts';

type ListingOverrides = Partial<Omit<Listing, 'credentials' | 'education' | 'experience'>> & {
  credentials?: Partial<Listing['credentials']>;
  education?: Partial<Listing['education']>;
  experience?: Partial<Listing['experience']>;
};

export const DURHAM = { city: 'Durham', region: 'NC', postalCode: '27701', country: 'US', lat: 35.994, lon: -78.8986 };
export const RALEIGH = { city: 'Raleigh', region: 'NC', postalCode: '27601', country: 'US', lat: 35.7796, lon: -78.6382 };
export const CHARLOTTE = { city: 'Charlotte', region: 'NC', postalCode: '28202', country: 'US', lat: 35.2271, lon: -80.8431 };

export function makeListing(id: string, over: ListingOverrides = {}): ListingWithId {
  const base: Listing = {
    isHit: true, relevanceReasons: [], role: 'him_technician', roleConfidence: 0.9, socCode: '29-2072',
    title: 'Health Information Technician', employer: 'Duke Health', sourceUrl: null, applyUrls: [],
    postedAt: '2026-11-20T00:00:00Z', closesAt: null,
    credentials: { required: [], preferred: [] },
    education: { minLevel: 'none', fields: [], cahiimRequired: false, experienceSubstitutes: false },
    experience: { minYears: null, specialties: [] },
    salary: null, locations: [DURHAM], workMode: 'onsite', remoteEligibleRegions: [],
    employmentType: 'full_time', shift: null, setting: 'hospital', federal: null, skills: [],
    descriptionText: '', descriptionHtml: '', fingerprint: id, requisitionId: null,
  };
  const merged = {
    ...base, ...over,
    credentials: { ...base.credentials, ...over.credentials },
    education: { ...base.education, ...over.education },
    experience: { ...base.experience, ...over.experience },
  };
  return { ...listingSchema.parse(merged), id };
}

export function group(evidence: string, anyOf: string[], extra: Partial<CredentialGroup> = {}): CredentialGroup {
  return { anyOf, eligibleAccepted: false, withinMonths: null, evidence, ...extra };
}

export function hourly(min: number, max: number): Listing['salary'] {
  return { min, max, currency: 'USD', period: 'hour', annualMin: min * 2080, annualMax: max * 2080, provenance: 'structured' };
}

export function makeProfile(input: CandidateProfileInput = {}): CandidateProfile {
  return candidateProfileSchema.parse({
    home: { city: 'Durham', region: 'NC', postalCode: '27701', lat: 35.994, lon: -78.8986 },
    ...input,
  });
}

export const NOW = new Date('2026-11-25T12:00:00Z');
