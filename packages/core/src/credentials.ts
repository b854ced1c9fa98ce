// Credential catalog and acceptance rules (domain/hit-reference.md §1).

export const CREDENTIAL_IDS = [
  'RHIT', 'RHIA', 'CCA', 'CCS', 'CCS-P', 'CDIP', 'CHDA', 'CHPS', 'CPHI', 'CHTS',
  'CPC', 'CPC-A', 'COC', 'COC-A', 'CIC', 'CRC', 'CPB', 'CPMA', 'CPCO', 'CDEO', 'CPPM', 'CPC-P',
  'ODS-C', 'CCDS', 'CCDS-O', 'CAHIMS', 'CPHIMS', 'CHPC', 'RN', 'LPN', 'BLS',
] as const;

export type CredentialId = (typeof CREDENTIAL_IDS)[number];

export interface CredentialInfo {
  readonly id: CredentialId;
  readonly name: string;
  readonly issuer: 'AHIMA' | 'AAPC' | 'NCRA' | 'ACDIS' | 'HIMSS' | 'CCB' | 'state' | 'AHA';
  /** A coding credential in the AHIMA/AAPC "coding certification" family. */
  readonly isCoding: boolean;
}

const c = (id: CredentialId, name: string, issuer: CredentialInfo['issuer'], isCoding = false): CredentialInfo => ({ id, name, issuer, isCoding });

export const CREDENTIALS: Readonly<Record<CredentialId, CredentialInfo>> = {
  RHIT: c('RHIT', 'Registered Health Information Technician', 'AHIMA', true),
  RHIA: c('RHIA', 'Registered Health Information Administrator', 'AHIMA', true),
  CCA: c('CCA', 'Certified Coding Associate', 'AHIMA', true),
  CCS: c('CCS', 'Certified Coding Specialist', 'AHIMA', true),
  'CCS-P': c('CCS-P', 'Certified Coding Specialist–Physician-based', 'AHIMA', true),
  CDIP: c('CDIP', 'Certified Documentation Improvement Practitioner', 'AHIMA'),
  CHDA: c('CHDA', 'Certified Health Data Analyst', 'AHIMA'),
  CHPS: c('CHPS', 'Certified in Healthcare Privacy and Security', 'AHIMA'),
  CPHI: c('CPHI', 'Certified Professional in Health Informatics', 'AHIMA'),
  CHTS: c('CHTS', 'Certified Healthcare Technology Specialist', 'AHIMA'),
  CPC: c('CPC', 'Certified Professional Coder', 'AAPC', true),
  'CPC-A': c('CPC-A', 'Certified Professional Coder – Apprentice', 'AAPC', true),
  COC: c('COC', 'Certified Outpatient Coder', 'AAPC', true),
  'COC-A': c('COC-A', 'Certified Outpatient Coder – Apprentice', 'AAPC', true),
  CIC: c('CIC', 'Certified Inpatient Coder', 'AAPC', true),
  CRC: c('CRC', 'Certified Risk Adjustment Coder', 'AAPC', true),
  CPB: c('CPB', 'Certified Professional Biller', 'AAPC'),
  CPMA: c('CPMA', 'Certified Professional Medical Auditor', 'AAPC'),
  CPCO: c('CPCO', 'Certified Professional Compliance Officer', 'AAPC'),
  CDEO: c('CDEO', 'Certified Documentation Expert Outpatient', 'AAPC'),
  CPPM: c('CPPM', 'Certified Physician Practice Manager', 'AAPC'),
  'CPC-P': c('CPC-P', 'Certified Professional Coder – Payer', 'AAPC', true),
  'ODS-C': c('ODS-C', 'Oncology Data Specialist – Certified (formerly CTR)', 'NCRA'),
  CCDS: c('CCDS', 'Certified Clinical Documentation Specialist', 'ACDIS'),
  'CCDS-O': c('CCDS-O', 'Certified Clinical Documentation Specialist – Outpatient', 'ACDIS'),
  CAHIMS: c('CAHIMS', 'Certified Associate in Healthcare Information and Management Systems', 'HIMSS'),
  CPHIMS: c('CPHIMS', 'Certified Professional in Healthcare Information and Management Systems', 'HIMSS'),
  CHPC: c('CHPC', 'Certified in Healthcare Privacy Compliance', 'CCB'),
  RN: c('RN', 'Registered Nurse (license)', 'state'),
  LPN: c('LPN', 'Licensed Practical Nurse (license)', 'state'),
  BLS: c('BLS', 'Basic Life Support', 'AHA'),
};

export function isCredentialId(value: unknown): value is CredentialId {
  return typeof value === 'string' && (CREDENTIAL_IDS as readonly string[]).includes(value);
}

/** How a held credential answers a requested one. */
export type Acceptance = 'satisfied' | 'partial' | 'none';

export interface AcceptanceRule {
  readonly asked: CredentialId;
  readonly held: CredentialId;
  readonly acceptance: Exclude<Acceptance, 'none'>;
  /** A = stated by the issuer; P = common posting convention. */
  readonly strength: 'A' | 'P';
  readonly why: string;
}

/** §1.5: what a held credential counts for when a posting asks for another. */
export const ACCEPTANCE_RULES: readonly AcceptanceRule[] = [
  { asked: 'RHIT', held: 'RHIA', acceptance: 'satisfied', strength: 'A', why: 'RHIA replaces RHIT' },
  ...(['CCS', 'CCS-P', 'CIC', 'COC', 'CPC'] as const).map((held): AcceptanceRule => ({
    asked: 'CCA', held, acceptance: 'satisfied', strength: 'P', why: `${held} sits above CCA on the coding ladder`,
  })),
  { asked: 'CPC', held: 'CPC-A', acceptance: 'partial', strength: 'A', why: 'CPC-A passed the CPC exam; experience not yet verified' },
  { asked: 'COC', held: 'COC-A', acceptance: 'partial', strength: 'A', why: 'COC-A passed the COC exam; experience not yet verified' },
  { asked: 'CPC', held: 'CCS-P', acceptance: 'satisfied', strength: 'P', why: 'CCS-P is usually accepted for pro-fee coding' },
  { asked: 'CCS', held: 'CIC', acceptance: 'satisfied', strength: 'P', why: 'CIC tests the same inpatient code sets as CCS' },
  { asked: 'COC', held: 'CCS', acceptance: 'satisfied', strength: 'P', why: 'CCS is often accepted for outpatient facility coding' },
  { asked: 'COC', held: 'CPC', acceptance: 'satisfied', strength: 'P', why: 'CPC is often accepted for outpatient facility coding' },
  { asked: 'CCDS', held: 'CDIP', acceptance: 'satisfied', strength: 'P', why: 'CDIP and CCDS are usually accepted for each other' },
  { asked: 'CDIP', held: 'CCDS', acceptance: 'satisfied', strength: 'P', why: 'CDIP and CCDS are usually accepted for each other' },
];

/** Credentials that satisfy "an AHIMA or AAPC coding credential". */
export const CODING_FAMILY: readonly CredentialId[] = ['CCA', 'CCS', 'CCS-P', 'CPC', 'COC', 'CIC', 'CRC', 'RHIT', 'RHIA'];

/** Which degree gate makes a candidate "eligible" for a credential's exam. */
export const ELIGIBILITY_GATES: Partial<Record<CredentialId, { minLevel: 'associate' | 'bachelor'; cahiim: boolean }>> = {
  RHIT: { minLevel: 'associate', cahiim: true },
  RHIA: { minLevel: 'bachelor', cahiim: true },
};
