import { z } from 'zod';

// What every source adapter produces for one posting: the source's own words, lightly
// structured. The normalizer turns it into a Listing. Structured hints (salary, locations,
// federal) are kept when the source gives them so the normalizer can prefer them to text.

export const salaryPeriodSchema = z.enum(['hour', 'day', 'week', 'month', 'year']);
export type SalaryPeriod = z.infer<typeof salaryPeriodSchema>;

export const rawSalarySchema = z.object({
  min: z.number().nullable(),
  max: z.number().nullable(),
  currency: z.string().min(3).max(3).default('USD'),
  period: salaryPeriodSchema.nullable(),
});
export type RawSalary = z.infer<typeof rawSalarySchema>;

export const rawLocationSchema = z.object({
  city: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  postalCode: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
});
export type RawLocation = z.infer<typeof rawLocationSchema>;

export const rawFederalSchema = z.object({
  series: z.array(z.string()).optional(),
  payPlan: z.string().nullable().optional(),
  gradeLow: z.number().int().nullable().optional(),
  gradeHigh: z.number().int().nullable().optional(),
  whoMayApply: z.string().nullable().optional(),
  hiringPaths: z.array(z.string()).optional(),
  organization: z.string().nullable().optional(),
});
export type RawFederal = z.infer<typeof rawFederalSchema>;

export const rawPostingSchema = z.object({
  /** The source's stable id for this posting (not the title, not the URL when an id exists). */
  externalId: z.string().min(1).max(512).optional(),
  requisitionId: z.string().max(256).nullable().optional(),
  title: z.string().min(1).max(1000),
  /** Text or HTML. */
  description: z.string().max(2_000_000).default(''),
  employer: z.string().max(500).nullable().optional(),
  /** Location as the source displays it ("Dallas, TX", "Remote - US"). */
  location: z.string().max(2000).nullable().optional(),
  locations: z.array(rawLocationSchema).optional(),
  salaryText: z.string().max(1000).nullable().optional(),
  salary: rawSalarySchema.nullable().optional(),
  employmentType: z.string().max(200).nullable().optional(),
  /** The source's own remote/hybrid/onsite marker, if any. */
  workplaceType: z.string().max(100).nullable().optional(),
  remoteRegions: z.array(z.string()).optional(),
  /** The page the posting was read from. */
  url: z.string().max(4000).nullable().optional(),
  applyUrl: z.string().max(4000).nullable().optional(),
  postedAt: z.string().nullable().optional(),
  closesAt: z.string().nullable().optional(),
  /** Structured education hint, e.g. JSON-LD credentialCategory "associate degree". */
  educationText: z.string().max(1000).nullable().optional(),
  experienceMonths: z.number().nullable().optional(),
  experienceInPlaceOfEducation: z.boolean().nullable().optional(),
  federal: rawFederalSchema.nullable().optional(),
  department: z.string().max(500).nullable().optional(),
});
export type RawPosting = z.infer<typeof rawPostingSchema>;
export type RawPostingInput = z.input<typeof rawPostingSchema>;
