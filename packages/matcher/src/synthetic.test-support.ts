// Deterministic synthetic listings and profiles for scale tests (not parsed through zod:
// the builders produce contract-shaped objects directly so setup stays cheap).
import { CODING_FAMILY, ROLE_IDS, candidateProfileSchema } from '@himatch/core';
import type { CandidateProfile, CredentialId, Listing } from '@himatch/core';
import type { ListingWithId } from './prepare-listing.ts';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METROS = [
  ['NC', 35.99, -78.9], ['NC', 35.23, -80.84], ['TX', 30.27, -97.74], ['TX', 32.78, -96.8], ['FL', 28.54, -81.38],
  ['OH', 39.96, -83.0], ['CA', 34.05, -118.24], ['NY', 40.71, -74.0], ['GA', 33.75, -84.39], ['MN', 44.98, -93.27],
] as const;
const CREDS: CredentialId[] = ['RHIT', 'RHIA', 'CCS', 'CPC', 'CPC-A', 'CCA', 'COC', 'CRC', 'ODS-C', 'CDIP'];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function syntheticListings(n: number, seed = 1): ListingWithId[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i): ListingWithId => {
    const [region, lat, lon] = pick(r, METROS);
    const remote = r() < 0.2;
    const req = r() < 0.7 ? [{ anyOf: r() < 0.2 ? [...CODING_FAMILY] : [pick(r, CREDS), pick(r, CREDS)], eligibleAccepted: r() < 0.2, withinMonths: r() < 0.2 ? 6 : null, evidence: null }] : [];
    const listing: Listing = {
      isHit: true, relevanceReasons: [], role: pick(r, ROLE_IDS), roleConfidence: 0.8, socCode: null, title: `Job ${i}`, employer: null,
      sourceUrl: null, applyUrls: [], postedAt: new Date(Date.UTC(2026, 9, 1 + Math.floor(r() * 55))).toISOString(), closesAt: null,
      credentials: { required: req, preferred: r() < 0.5 ? [{ anyOf: [pick(r, CREDS)], eligibleAccepted: false, withinMonths: null, evidence: null }] : [] },
      education: { minLevel: pick(r, ['unknown', 'none', 'high_school', 'associate', 'bachelor'] as const), fields: [], cahiimRequired: false, experienceSubstitutes: r() < 0.3 },
      experience: { minYears: r() < 0.6 ? Math.floor(r() * 5) : null, specialties: r() < 0.5 ? [pick(r, ['coding', 'coder_inpatient', 'records', 'outpatient_surgical_coding'])] : [] },
      salary: r() < 0.6 ? { min: 20, max: 30, currency: 'USD', period: 'hour', annualMin: 41600 + r() * 20000, annualMax: 62400 + r() * 20000, provenance: 'structured' } : null,
      locations: remote ? [] : [{ city: null, region, postalCode: null, country: 'US', lat: lat + (r() - 0.5), lon: lon + (r() - 0.5) }],
      workMode: remote ? 'remote' : pick(r, ['onsite', 'hybrid', 'unknown'] as const), remoteEligibleRegions: remote && r() < 0.5 ? [region] : [],
      employmentType: pick(r, ['full_time', 'part_time', 'per_diem', 'unknown'] as const), shift: null, setting: 'hospital', federal: null,
      skills: r() < 0.5 ? ['ICD-10-CM', 'Epic'] : [], descriptionText: '', descriptionHtml: '', fingerprint: String(i), requisitionId: null,
    };
    return { ...listing, id: `L${String(i).padStart(6, '0')}` };
  });
}

export function syntheticProfiles(n: number, seed = 2): { candidateId: string; profile: CandidateProfile }[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const [region, lat, lon] = pick(r, METROS);
    const profile = candidateProfileSchema.parse({
      education: [{ level: pick(r, ['high_school', 'associate', 'bachelor'] as const), field: pick(r, ['hit', 'him', 'other'] as const), cahiimAccredited: r() < 0.5 }],
      credentials: r() < 0.7 ? [{ id: pick(r, CREDS) }] : [],
      experience: [{ area: pick(r, ['coding', 'coder_inpatient', 'records', 'coder_profee'] as const), years: Math.floor(r() * 8) }],
      home: { region, lat: lat + (r() - 0.5), lon: lon + (r() - 0.5), city: null, postalCode: null },
      radiusMiles: pick(r, [10, 25, 50, 100]),
      workModes: r() < 0.5 ? ['onsite', 'hybrid', 'remote'] : ['remote'],
      desiredRoles: r() < 0.5 ? [pick(r, ROLE_IDS)] : [],
    });
    return { candidateId: `C${String(i).padStart(6, '0')}`, profile };
  });
}
