import { z } from 'zod';
import { ROLE_IDS } from './roles.ts';
import { EDUCATION_LEVELS } from './education.ts';
import { salaryPeriodSchema } from './raw-posting.ts';

// The normalized listing: the contract of `himatch normalize`, the API and the matcher.

export const credentialGroupSchema = z.object({
  /** Canonical credential ids, any one of which satisfies the group. "CODING_FAMILY" is not an id: expand it. */
  anyOf: z.array(z.string()).min(1),
  /** "RHIT-eligible": a candidate who may sit the exam is accepted. */
  eligibleAccepted: z.boolean(),
  /** "CCS within 6 months of hire": months of grace after hire, else null. */
  withinMonths: z.number().int().positive().nullable(),
  /** The posting's words this group came from. */
  evidence: z.string().nullable().default(null),
});
export type CredentialGroup = z.infer<typeof credentialGroupSchema>;

export const workModeSchema = z.enum(['onsite', 'hybrid', 'remote', 'unknown']);
export type WorkMode = z.infer<typeof workModeSchema>;

export const employmentTypeSchema = z.enum(['full_time', 'part_time', 'per_diem', 'contract', 'temporary', 'internship', 'unknown']);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

export const settingSchema = z.enum([
  'hospital', 'physician_practice', 'outpatient_clinic', 'nursing_care', 'home_health', 'payer', 'vendor', 'federal', 'military', 'government', 'unknown',
]);
export type Setting = z.infer<typeof settingSchema>;

export const whoMayApplySchema = z.enum([
  'public', 'federal_employees', 'status_candidates', 'veterans', 'guard_members', 'military_spouses', 'individuals_with_disabilities', 'agency_employees', 'other',
]);
export type WhoMayApply = z.infer<typeof whoMayApplySchema>;

export const salarySchema = z.object({
  min: z.number().nullable(),
  max: z.number().nullable(),
  currency: z.string(),
  period: salaryPeriodSchema,
  annualMin: z.number().nullable(),
  annualMax: z.number().nullable(),
  provenance: z.enum(['structured', 'extracted']),
});
export type Salary = z.infer<typeof salarySchema>;

export const locationSchema = z.object({
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type Location = z.infer<typeof locationSchema>;

export const federalSchema = z.object({
  series: z.array(z.string()),
  payPlan: z.string().nullable(),
  gradeLow: z.number().int().nullable(),
  gradeHigh: z.number().int().nullable(),
  title32: z.boolean(),
  militaryMembershipRequired: z.boolean(),
  whoMayApply: z.array(whoMayApplySchema),
});
export type Federal = z.infer<typeof federalSchema>;

export const listingSchema = z.object({
  isHit: z.boolean(),
  relevanceReasons: z.array(z.string()),
  role: z.enum(ROLE_IDS).nullable(),
  roleConfidence: z.number().min(0).max(1),
  socCode: z.string().nullable(),
  title: z.string(),
  employer: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  applyUrls: z.array(z.string()),
  postedAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  credentials: z.object({
    required: z.array(credentialGroupSchema),
    preferred: z.array(credentialGroupSchema),
  }),
  education: z.object({
    minLevel: z.enum([...EDUCATION_LEVELS, 'unknown']),
    fields: z.array(z.string()),
    cahiimRequired: z.boolean(),
    experienceSubstitutes: z.boolean(),
  }),
  experience: z.object({
    minYears: z.number().nullable(),
    specialties: z.array(z.string()),
  }),
  salary: salarySchema.nullable(),
  locations: z.array(locationSchema),
  workMode: workModeSchema,
  remoteEligibleRegions: z.array(z.string()),
  /** States a remote posting says it cannot hire in ("unable to hire residents of CA, NY"); absent on listings stored before it. */
  remoteExcludedRegions: z.array(z.string()).optional(),
  employmentType: employmentTypeSchema,
  shift: z.string().nullable(),
  setting: settingSchema,
  federal: federalSchema.nullable(),
  skills: z.array(z.string()),
  descriptionText: z.string(),
  descriptionHtml: z.string(),
  fingerprint: z.string(),
  requisitionId: z.string().nullable(),
});
export type Listing = z.infer<typeof listingSchema>;

/** A listing as stored: the contract plus identity and lifecycle. */
export interface StoredListing extends Listing {
  id: string;
  sourceId: string;
  externalId: string;
  status: 'open' | 'closed';
  closedReason: string | null;
  clusterId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}
