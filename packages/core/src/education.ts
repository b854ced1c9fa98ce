// Education ordering (domain/hit-reference.md §2.3).

export const EDUCATION_LEVELS = [
  'none',
  'high_school',
  'postsecondary_certificate',
  'some_college',
  'associate',
  'bachelor',
  'master',
  'doctorate',
] as const;

export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** A posting's minimum level may also be unknown. */
export type MinEducationLevel = EducationLevel | 'unknown';

export function educationRank(level: EducationLevel): number {
  return EDUCATION_LEVELS.indexOf(level);
}

export function meetsEducation(held: EducationLevel, required: EducationLevel): boolean {
  return educationRank(held) >= educationRank(required);
}

export const EDUCATION_FIELDS = ['him', 'hit', 'health_informatics', 'coding', 'cancer_registry', 'nursing', 'related', 'other'] as const;
export type EducationField = (typeof EDUCATION_FIELDS)[number];
