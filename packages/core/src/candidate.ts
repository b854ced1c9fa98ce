import { z } from 'zod';
import { EDUCATION_LEVELS, EDUCATION_FIELDS } from './education.ts';
import { CREDENTIAL_IDS } from './credentials.ts';
import { ROLE_IDS } from './roles.ts';
import { employmentTypeSchema, workModeSchema } from './listing.ts';
import { salaryPeriodSchema } from './raw-posting.ts';

// A candidate's profile. Nothing it does not show is credited by the matcher.

export const educationEntrySchema = z.object({
  level: z.enum(EDUCATION_LEVELS),
  field: z.enum(EDUCATION_FIELDS).default('other'),
  cahiimAccredited: z.boolean().default(false),
  /** ISO date the degree was completed, or is expected (see `completed`). */
  date: z.string().nullable().default(null),
  completed: z.boolean().default(true),
}).strict();
export type EducationEntry = z.infer<typeof educationEntrySchema>;

export const candidateCredentialSchema = z.object({
  id: z.enum(CREDENTIAL_IDS),
  status: z.enum(['active', 'eligible', 'in_progress']).default('active'),
  date: z.string().nullable().default(null),
}).strict();
export type CandidateCredential = z.infer<typeof candidateCredentialSchema>;

/** Experience areas; role ids plus finer coding specialties. */
export const EXPERIENCE_AREAS = [
  ...ROLE_IDS,
  'coding',
  'outpatient_surgical_coding',
  'emergency_department_coding',
  'records',
  'military_records',
] as const;

export const experienceEntrySchema = z.object({
  area: z.enum(EXPERIENCE_AREAS),
  years: z.number().min(0).max(60),
}).strict();
export type ExperienceEntry = z.infer<typeof experienceEntrySchema>;

export const candidateProfileSchema = z.object({
  name: z.string().max(200).optional(),
  education: z.array(educationEntrySchema).max(20).default([]),
  credentials: z.array(candidateCredentialSchema).max(40).default([]),
  experience: z.array(experienceEntrySchema).max(60).default([]),
  skills: z.array(z.string().max(100)).max(200).default([]),
  home: z.object({
    city: z.string().nullable().default(null),
    region: z.string().length(2).nullable().default(null),
    postalCode: z.string().regex(/^\d{5}$/).nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
  }).strict().nullable().default(null),
  radiusMiles: z.number().min(0).max(5000).default(50),
  workModes: z.array(workModeSchema.exclude(['unknown'])).default(['onsite', 'hybrid', 'remote']),
  desiredRoles: z.array(z.enum(ROLE_IDS)).default([]),
  payFloor: z.object({ amount: z.number().positive(), period: salaryPeriodSchema }).strict().nullable().default(null),
  employmentTypes: z.array(employmentTypeSchema.exclude(['unknown'])).default([]),
  military: z.object({
    branch: z.enum(['air_national_guard', 'army_national_guard', 'reserve', 'active', 'none']).default('none'),
    member: z.boolean().default(false),
  }).strict().default({ branch: 'none', member: false }),
  veteran: z.boolean().default(false),
  federalEmployee: z.boolean().default(false),
  /** Minimum score to alert on, 0..1. */
  alertThreshold: z.number().min(0).max(1).default(0.6),
}).strict();
export type CandidateProfile = z.infer<typeof candidateProfileSchema>;
export type CandidateProfileInput = z.input<typeof candidateProfileSchema>;

/**
 * What one candidate could plausibly be eligible for, in SQL terms: built by @himatch/matcher
 * `plausibleFilter`, read by @himatch/db's forward-matching pre-filter.
 */
export interface PlausibleFilter {
  /** Roles of the wanted families (null: any role); listings with no role are always kept. */
  roles: string[] | null;
  /**
   * Every credential spelling the candidate has some standing on (held, partial, eligible, in
   * progress); a listing must require none or one of them. Null: no credential gate (gap
   * analysis, where a credential step opens listings).
   */
  credentials: string[] | null;
  /** Bounding box of the home radius; null without home coordinates. */
  box: { latMin: number; latMax: number; lonMin: number; lonMax: number } | null;
  /** The home state. */
  region: string | null;
  /** Open to remote work. */
  remote: boolean;
  /** Remote listings are many and reach everyone: only the newest this many are read. */
  remoteLimit: number;
}

/**
 * What the pre-filter's indexes tell about a plausible listing before its document is read:
 * enough for the matcher to bound the listing's score and read documents best bound first.
 */
export interface ListingSketch {
  id: string;
  /** The role; undefined when the index read did not tell it. */
  role: string | null | undefined;
  /** Posting time in ms since the epoch; NaN when undated. */
  postedMs: number;
  /** Remote work (no distance to a site). */
  remote: boolean;
  /** Located sites (with coordinates). */
  siteCount: number;
  /** The first site's coordinates (degrees); null when it has none. */
  lat: number | null;
  lon: number | null;
}
