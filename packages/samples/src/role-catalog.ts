import type { CredentialId, EducationLevel, RoleId } from '@himatch/core';
import { CODING_FAMILY } from '@himatch/core';
import type { TruthCredentialGroup } from './types.ts';

// What real postings for each HIT role look like: titles, duties and the plausible
// requirement bundles (domain/hit-reference.md §3.4). The text is rendered from these.

export interface CredentialBundle {
  readonly required: readonly TruthCredentialGroup[];
  readonly preferred: readonly TruthCredentialGroup[];
}

export interface EducationOption {
  readonly level: EducationLevel | 'unknown';
  readonly cahiim: boolean;
  readonly substitutes: boolean;
  /** Degree field for non-HIT jobs; HIT jobs default to HIT/HIM wording. */
  readonly field?: string;
}

export interface PayBand {
  readonly hour: readonly [number, number] | null;
  readonly year: readonly [number, number];
  /** Share of postings paid hourly. */
  readonly hourlyShare: number;
}

export interface RoleSpec {
  readonly role: RoleId;
  readonly titles: readonly string[];
  readonly departments: readonly string[];
  readonly duties: readonly string[];
  readonly bundles: readonly CredentialBundle[];
  readonly education: readonly EducationOption[];
  readonly years: readonly (number | null)[];
  /** "{n} years of {experienceOf} experience". */
  readonly experienceOf: string;
  readonly pay: PayBand;
  readonly remoteShare: number;
}

export const g = (anyOf: readonly CredentialId[], eligibleAccepted = false, withinMonths: number | null = null): TruthCredentialGroup =>
  ({ anyOf, eligibleAccepted, withinMonths });
export const CODING = g(CODING_FAMILY);
const b = (required: TruthCredentialGroup[], preferred: TruthCredentialGroup[] = []): CredentialBundle => ({ required, preferred });
const ed = (level: EducationOption['level'], cahiim = false, substitutes = false): EducationOption => ({ level, cahiim, substitutes });
const pay = (hour: readonly [number, number] | null, year: readonly [number, number], hourlyShare: number): PayBand => ({ hour, year, hourlyShare });

const RECORDS_DUTIES = [
  'Scans, indexes and quality-checks paper documents into the electronic health record (Epic).',
  'Analyzes discharged inpatient and outpatient records for completeness and assigns deficiencies to providers.',
  'Maintains the master patient index and resolves duplicate medical record numbers.',
  'Tracks delinquent charts and sends reminders to physicians under medical staff bylaws.',
  'Retrieves and files records for clinics, audits and legal requests.',
];

export const ROLE_SPECS_A: readonly RoleSpec[] = [
  {
    role: 'him_clerk', titles: ['Medical Records Clerk', 'Health Information Clerk', 'HIM Assistant', 'Scanning and Indexing Clerk'],
    departments: ['Health Information Management'], duties: RECORDS_DUTIES,
    bundles: [b([]), b([], [g(['CCA'])]), b([], [g(['RHIT'], true)])],
    education: [ed('high_school'), ed('unknown')], years: [null, 1], experienceOf: 'medical office or records',
    pay: pay([15, 20], [32000, 40000], 0.9), remoteShare: 0.05,
  },
  {
    role: 'him_technician', titles: ['Health Information Technician', 'HIM Specialist', 'Chart Completion Analyst', 'Medical Records Technician', 'Data Integrity Specialist (MPI)'],
    departments: ['Health Information Management'], duties: RECORDS_DUTIES,
    bundles: [b([g(['RHIT', 'RHIA'])]), b([g(['RHIT'], true)]), b([], [g(['RHIT', 'RHIA'])]), b([g(['RHIT'], false, 12)])],
    education: [ed('associate', true), ed('associate', false, true), ed('high_school')], years: [null, 1, 2],
    experienceOf: 'acute care HIM department', pay: pay([18, 27], [40000, 56000], 0.8), remoteShare: 0.2,
  },
  {
    role: 'roi_specialist', titles: ['Release of Information Specialist', 'ROI Coordinator', 'Correspondence Specialist', 'Records Request Specialist'],
    departments: ['Health Information Management', 'Privacy & Release of Information'],
    duties: [
      'Processes requests for protected health information from patients, attorneys, insurers and agencies under HIPAA.',
      'Validates HIPAA authorizations, subpoenas and court orders before any disclosure.',
      'Logs every disclosure in the accounting-of-disclosures system and invoices per state copy-fee rules.',
      'Meets the 30-day right-of-access deadline and escalates complex requests to the privacy officer.',
    ],
    bundles: [b([]), b([], [g(['RHIT'])]), b([], [g(['RHIT', 'RHIA'])])],
    education: [ed('high_school'), ed('unknown')], years: [null, 1], experienceOf: 'release of information',
    pay: pay([16, 23], [34000, 46000], 0.85), remoteShare: 0.25,
  },
  {
    role: 'coder_outpatient', titles: ['Outpatient Coder', 'Coding Specialist II - Outpatient', 'Emergency Department Coder', 'Same Day Surgery Coder', 'Outpatient Coding Specialist'],
    departments: ['Coding', 'Revenue Cycle'],
    duties: [
      'Assigns ICD-10-CM and CPT/HCPCS codes to emergency department, observation, ancillary and same-day surgery encounters.',
      'Applies NCCI edits, modifiers and APC/OPPS rules so UB-04 claims pass the outpatient code editor.',
      'Works coding-related claim edits and queries providers when documentation is unclear.',
      'Meets productivity and 95% accuracy standards using the 3M encoder.',
    ],
    bundles: [b([g(['CCS', 'CPC', 'COC'])]), b([g(['CCS', 'CPC'], false, 6)]), b([CODING]), b([g(['COC', 'CPC'])], [g(['RHIT'])])],
    education: [ed('associate', false, true), ed('postsecondary_certificate'), ed('unknown')], years: [1, 2, 3],
    experienceOf: 'outpatient coding', pay: pay([22, 32], [50000, 68000], 0.7), remoteShare: 0.5,
  },
  {
    role: 'coder_inpatient', titles: ['Inpatient Coder', 'Coding Specialist III - Inpatient', 'DRG Coder', 'Inpatient Coding Specialist'],
    departments: ['Coding', 'Health Information Management'],
    duties: [
      'Codes acute inpatient records with ICD-10-CM and ICD-10-PCS and assigns the MS-DRG and APR-DRG.',
      'Sequences the principal diagnosis under UHDDS definitions and reports present-on-admission indicators.',
      'Sends compliant queries to physicians through the CDI team to capture CC/MCC conditions.',
      'Reviews DRG mismatches and discharged-not-final-billed accounts daily.',
    ],
    bundles: [b([g(['CCS'])]), b([g(['CCS', 'CIC'])]), b([g(['RHIT', 'RHIA', 'CCS'])]), b([g(['CCS'], false, 12)], [g(['RHIT', 'RHIA'])])],
    education: [ed('associate', true), ed('associate', false, true)], years: [2, 3, 5],
    experienceOf: 'acute care inpatient coding', pay: pay([28, 40], [60000, 85000], 0.55), remoteShare: 0.55,
  },
  {
    role: 'coder_profee', titles: ['Professional Fee Coder', 'Physician Coder', 'E/M Coding Specialist', 'Certified Medical Coder - Orthopedics', 'Provider Coder'],
    departments: ['Physician Billing Office', 'Coding'],
    duties: [
      'Assigns CPT, E/M levels, HCPCS and ICD-10-CM codes for clinic visits and procedures from provider notes.',
      'Reviews CMS-1500 charge sessions and applies modifiers 25, 59 and 76 correctly.',
      'Educates providers on E/M documentation guidelines based on medical decision making.',
      'Resolves coding denials and front-end claim edits within 48 hours.',
    ],
    bundles: [b([g(['CPC', 'CPC-A'])]), b([g(['CPC', 'CCS-P'])]), b([g(['CPC'])], [g(['CRC'])]), b([CODING])],
    education: [ed('high_school'), ed('postsecondary_certificate')], years: [1, 2],
    experienceOf: 'professional fee coding', pay: pay([20, 29], [44000, 60000], 0.75), remoteShare: 0.45,
  },
  {
    role: 'coder_risk_adjustment', titles: ['Risk Adjustment Coder', 'HCC Coder', 'Retrospective Chart Reviewer', 'Risk Adjustment Coding Specialist'],
    departments: ['Risk Adjustment', 'Medicare Advantage Operations'],
    duties: [
      'Reviews Medicare Advantage charts and abstracts ICD-10-CM diagnoses that map to CMS-HCC categories.',
      'Validates that each condition meets MEAT documentation criteria before submission.',
      'Supports RADV audits by locating supporting documentation for submitted HCCs.',
      'Keeps 98% accuracy on retrospective and prospective chart reviews.',
    ],
    bundles: [b([g(['CRC'])]), b([g(['CRC', 'CPC', 'CCS'])]), b([g(['CPC', 'CCS'])], [g(['CRC'])]), b([g(['CRC'], false, 6)])],
    education: [ed('high_school'), ed('unknown')], years: [1, 2, 3],
    experienceOf: 'risk adjustment coding', pay: pay([25, 36], [55000, 75000], 0.6), remoteShare: 0.7,
  },
  {
    role: 'coding_auditor_educator', titles: ['Coding Auditor', 'Coding Quality Analyst', 'Coding Educator', 'DRG Validation Auditor'],
    departments: ['Coding Quality', 'Revenue Integrity'],
    duties: [
      'Audits inpatient and outpatient coding accuracy and reports error trends by coder and service line.',
      'Validates MS-DRG assignment before billing and rebills when the DRG changes.',
      'Develops coding education for new coders and providers based on audit findings.',
      'Responds to payer and RAC audit denials with coding rationale.',
    ],
    bundles: [b([g(['CPMA'])], [g(['CCS'])]), b([g(['CCS', 'CIC', 'RHIA', 'RHIT'])]), b([g(['CCS', 'CPC'])], [g(['CPMA'])])],
    education: [ed('associate', false, true), ed('bachelor', false, true)], years: [3, 5],
    experienceOf: 'coding and auditing', pay: pay(null, [70000, 95000], 0), remoteShare: 0.6,
  },
  {
    role: 'cdi_specialist', titles: ['Clinical Documentation Integrity Specialist', 'CDI Specialist', 'Clinical Documentation Specialist', 'Outpatient CDI Specialist'],
    departments: ['Clinical Documentation Integrity'],
    duties: [
      'Performs concurrent reviews of inpatient records to clarify diagnoses, severity of illness and risk of mortality.',
      'Writes compliant, non-leading queries to physicians following ACDIS/AHIMA query guidelines.',
      'Reconciles working DRGs with final coded DRGs together with the coding team.',
      'Educates providers on documentation of CC/MCC conditions and HCC capture.',
    ],
    bundles: [b([g(['RN', 'RHIA', 'RHIT'])], [g(['CCDS', 'CDIP'])]), b([g(['CCDS', 'CDIP'], false, 12)]), b([g(['RN'])], [g(['CCDS'])])],
    education: [ed('associate'), ed('bachelor', false, true)], years: [2, 3],
    experienceOf: 'clinical documentation integrity or acute care clinical', pay: pay(null, [75000, 105000], 0), remoteShare: 0.5,
  },
];
