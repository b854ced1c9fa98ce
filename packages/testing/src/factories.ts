import {
  candidateProfileSchema,
  listingSchema,
  rawPostingSchema,
  type CandidateProfile,
  type CandidateProfileInput,
  type Listing,
  type RawPosting,
  type RawPostingInput,
} from '@himatch/core';

// Valid defaults for a typical HIT posting; each factory parses through the core schema, so an
// override that breaks the contract fails loudly in the test that made it.

export function makeRawPosting(overrides: Partial<RawPostingInput> = {}): RawPosting {
  return rawPostingSchema.parse({
    externalId: 'req-1001',
    requisitionId: 'R1001',
    title: 'Medical Records Technician',
    description: '<p>Maintain patient health records. RHIT required. Associate degree in HIM.</p>',
    employer: 'Riverside General Hospital',
    location: 'Dallas, TX',
    locations: [{ city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' }],
    salaryText: '$20.00 - $26.00 per hour',
    salary: { min: 20, max: 26, currency: 'USD', period: 'hour' },
    employmentType: 'Full-time',
    url: 'https://jobs.example.org/req-1001',
    applyUrl: 'https://jobs.example.org/req-1001/apply',
    postedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  });
}

export function makeListing(overrides: Partial<Listing> = {}): Listing {
  const base: Listing = {
    isHit: true,
    relevanceReasons: ['title: medical records technician'],
    role: 'him_technician',
    roleConfidence: 0.9,
    socCode: '29-2072',
    title: 'Medical Records Technician',
    employer: 'Riverside General Hospital',
    sourceUrl: 'https://jobs.example.org/req-1001',
    applyUrls: ['https://jobs.example.org/req-1001/apply'],
    postedAt: '2026-11-01T00:00:00.000Z',
    closesAt: null,
    credentials: {
      required: [{ anyOf: ['RHIT', 'RHIA'], eligibleAccepted: true, withinMonths: null, evidence: 'RHIT required' }],
      preferred: [{ anyOf: ['CCS'], eligibleAccepted: false, withinMonths: null, evidence: null }],
    },
    education: { minLevel: 'associate', fields: ['him'], cahiimRequired: false, experienceSubstitutes: false },
    experience: { minYears: 1, specialties: [] },
    salary: { min: 20, max: 26, currency: 'USD', period: 'hour', annualMin: 41600, annualMax: 54080, provenance: 'structured' },
    locations: [{ city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US', lat: 32.78, lon: -96.8 }],
    workMode: 'onsite',
    remoteEligibleRegions: [],
    employmentType: 'full_time',
    shift: null,
    setting: 'hospital',
    federal: null,
    skills: ['Epic', 'ICD-10-CM'],
    descriptionText: 'Maintain patient health records. RHIT required. Associate degree in HIM.',
    descriptionHtml: '<p>Maintain patient health records. RHIT required. Associate degree in HIM.</p>',
    fingerprint: 'riverside general hospital|medical records technician|dallas tx',
    requisitionId: 'R1001',
  };
  return listingSchema.parse({ ...base, ...overrides });
}

export function makeProfile(overrides: Partial<CandidateProfileInput> = {}): CandidateProfile {
  return candidateProfileSchema.parse({
    education: [{ level: 'associate', field: 'him', cahiimAccredited: true }],
    credentials: [{ id: 'RHIT', status: 'active' }],
    experience: [{ area: 'him_technician', years: 2 }],
    skills: ['Epic'],
    home: { city: 'Dallas', region: 'TX', postalCode: '75201', lat: 32.78, lon: -96.8 },
    radiusMiles: 50,
    desiredRoles: ['him_technician', 'roi_specialist'],
    ...overrides,
  });
}
