import { z } from 'zod';

export const SOURCE_KINDS = [
  'jsonld-site', 'greenhouse', 'lever', 'ashby', 'smartrecruiters', 'workday', 'icims', 'usajobs', 'rss', 'indeed-xml',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const sourceKindSchema = z.enum(SOURCE_KINDS);

/** Per-source politeness overrides; defaults live in the fetcher. */
export const politenessSchema = z.object({
  maxInFlight: z.number().int().min(1).max(16).optional(),
  minGapMs: z.number().int().min(0).max(600_000).optional(),
}).strict();
export type Politeness = z.infer<typeof politenessSchema>;
