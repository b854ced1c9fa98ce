// Lookup tables derived once from the core catalogs: credential indices, spelling aliases,
// acceptance rules by index, and the experience-area tags used to relate years to postings.
import { ACCEPTANCE_RULES, CODING_FAMILY, CREDENTIAL_IDS, EXPERIENCE_AREAS, ROLES, isRoleId } from '@himatch/core';
import type { AcceptanceRule, CredentialId } from '@himatch/core';

export const CRED_COUNT = CREDENTIAL_IDS.length;
const CRED_INDEX = new Map<string, number>(CREDENTIAL_IDS.map((id, i) => [id, i]));

/** Spellings postings and older normalizer output use for canonical ids (hit-reference §1.6). */
export const ALIASES: Readonly<Record<string, CredentialId>> = {
  CTR: 'ODS-C', ODS: 'ODS-C', 'CPC-H': 'COC', CCSP: 'CCS-P', 'CPC(A)': 'CPC-A', CPCA: 'CPC-A', 'COC(A)': 'COC-A',
};

/** Canonical credential indices for one token of a group's anyOf; CODING_FAMILY expands. */
export function credentialIndices(token: string): number[] {
  const clean = token.toUpperCase().replace(/\./g, '').replace(/[\s\u2013\u2014]+/g, (m) => (m.trim() ? '-' : ''));
  if (clean === 'CODING_FAMILY') return CODING_FAMILY.map((id) => CRED_INDEX.get(id)!);
  const id = ALIASES[clean] ?? clean;
  const index = CRED_INDEX.get(id);
  return index === undefined ? [] : [index];
}

export function credentialIndex(id: CredentialId): number {
  return CRED_INDEX.get(id)!;
}

export function credentialName(index: number): CredentialId {
  return CREDENTIAL_IDS[index]!;
}

/** rulesByHeld[held] = rules where a holder of `held` is credited for another credential. */
export const RULES_BY_HELD: readonly (readonly AcceptanceRule[])[] = CREDENTIAL_IDS.map((id) =>
  ACCEPTANCE_RULES.filter((rule) => rule.held === id));

export function ruleFor(asked: number, held: number): AcceptanceRule | undefined {
  const askedId = credentialName(asked);
  return RULES_BY_HELD[held]!.find((rule) => rule.asked === askedId);
}

// Experience: each profile area carries tags; a posting's specialty is met by entries whose
// tags include it. Families are ROLES[...].family names, so "coding" is both an area and a family.
type Area = (typeof EXPERIENCE_AREAS)[number];

const EXTRA_TAGS: Partial<Record<Area, readonly string[]>> = {
  coding: ['coding'],
  outpatient_surgical_coding: ['outpatient_surgical_coding', 'coder_outpatient', 'coding'],
  emergency_department_coding: ['emergency_department_coding', 'coder_outpatient', 'coding'],
  records: ['records'],
  military_records: ['military_records', 'records', 'military'],
  mil_health_admin_tech: ['mil_health_admin_tech', 'military', 'records'],
};

export function areaTags(area: string): readonly string[] {
  const extra = EXTRA_TAGS[area as Area];
  if (extra) return extra;
  if (isRoleId(area)) return [area, ROLES[area].family];
  return [area];
}

/** Areas that state a family total rather than a specific kind; their years are not added to specific ones. */
export const GENERIC_AREAS: ReadonlySet<string> = new Set(['coding', 'records']);

/** Free-text specialty words a normalizer may emit, mapped to tags. */
const SPECIALTY_SYNONYMS: Readonly<Record<string, string>> = {
  inpatient_coding: 'coder_inpatient', inpatient: 'coder_inpatient', drg_coding: 'coder_inpatient',
  outpatient_coding: 'coder_outpatient', outpatient: 'coder_outpatient', outpatient_facility_coding: 'coder_outpatient',
  outpatient_surgery_coding: 'outpatient_surgical_coding', same_day_surgery_coding: 'outpatient_surgical_coding',
  ed_coding: 'emergency_department_coding', emergency_coding: 'emergency_department_coding',
  profee_coding: 'coder_profee', professional_fee_coding: 'coder_profee', physician_coding: 'coder_profee', pro_fee_coding: 'coder_profee',
  risk_adjustment: 'coder_risk_adjustment', risk_adjustment_coding: 'coder_risk_adjustment', hcc_coding: 'coder_risk_adjustment',
  auditing: 'coding_auditor_educator', coding_audit: 'coding_auditor_educator',
  cdi: 'cdi_specialist', clinical_documentation: 'cdi_specialist',
  cancer_registry: 'cancer_registrar', tumor_registry: 'cancer_registrar', registry: 'registry',
  roi: 'roi_specialist', release_of_information: 'roi_specialist',
  medical_records: 'records', him: 'records', health_information: 'records',
  medical_coding: 'coding', coding_experience: 'coding',
  data_analysis: 'data', analytics: 'data', privacy: 'compliance', billing: 'revenue',
  supervisory: 'management', management: 'management', military: 'military',
};

const KNOWN_TAGS = new Set<string>([
  ...EXPERIENCE_AREAS, ...Object.values(ROLES).map((role) => role.family),
]);

/** The tag a posting specialty stands for, or null when the word is not understood. */
export function specialtyTag(specialty: string): string | null {
  const key = specialty.trim().toLowerCase().replace(/[\s/-]+/g, '_');
  const tag = SPECIALTY_SYNONYMS[key] ?? key;
  return KNOWN_TAGS.has(tag) ? tag : null;
}

const TAG_LABELS: Readonly<Record<string, string>> = {
  coder_outpatient: 'outpatient coding', coder_inpatient: 'inpatient coding', coder_profee: 'pro-fee coding',
  coder_risk_adjustment: 'risk adjustment coding', coding_auditor_educator: 'coding audit',
  cdi_specialist: 'CDI', cancer_registrar: 'cancer registry', roi_specialist: 'release of information',
  outpatient_surgical_coding: 'outpatient surgical coding', emergency_department_coding: 'ED coding',
  mil_health_admin_tech: 'military health administration', military_records: 'military records',
};

export function tagLabel(tag: string): string {
  return TAG_LABELS[tag] ?? tag.replace(/_/g, ' ');
}
