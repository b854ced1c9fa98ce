import type { RoleId } from '@himatch/core';
import { CODING, g, type CredentialBundle, type EducationOption, type PayBand } from './role-catalog.ts';
import type { TruthCredentialGroup } from './types.ts';

// Non-HIT postings, many of them hard negatives that share words with HIT jobs, and the
// federal title tables.

export interface NegativeSpec {
  readonly kind: string;
  readonly titles: readonly string[];
  readonly department: string;
  readonly duties: readonly string[];
  readonly bundles: readonly CredentialBundle[];
  readonly education: readonly EducationOption[];
  readonly years: readonly (number | null)[];
  readonly experienceOf: string;
  readonly pay: PayBand;
  readonly remoteShare: number;
  readonly degreeField: string;
}

const b = (required: TruthCredentialGroup[], preferred: TruthCredentialGroup[] = []): CredentialBundle => ({ required, preferred });
const ed = (level: EducationOption['level'], cahiim = false, substitutes = false): EducationOption => ({ level, cahiim, substitutes });
const pay = (hour: readonly [number, number] | null, year: readonly [number, number], hourlyShare: number): PayBand => ({ hour, year, hourlyShare });

export const NEGATIVE_SPECS: readonly NegativeSpec[] = [
  {
    kind: 'biller', degreeField: 'business or a related field', titles: ['Medical Billing Specialist', 'Accounts Receivable Representative', 'Patient Account Representative', 'Insurance Follow-Up Specialist'],
    department: 'Patient Financial Services',
    duties: [
      'Follows up on unpaid and denied insurance claims by phone and payer portals.',
      'Posts payments and adjustments from remittance advice and reconciles daily deposits.',
      'Submits corrected claims and appeals using the codes already assigned by the coding department; this role does not assign codes.',
      'Answers patient balance questions and sets up payment plans.',
    ],
    bundles: [b([]), b([], [g(['CPB'])])], education: [ed('high_school')], years: [1, 2], experienceOf: 'medical billing or collections',
    pay: pay([17, 24], [36000, 48000], 0.9), remoteShare: 0.3,
  },
  {
    kind: 'patient_access', degreeField: 'business or a related field', titles: ['Patient Access Representative', 'Patient Registration Specialist', 'Scheduling Coordinator'],
    department: 'Patient Access',
    duties: [
      'Registers patients, verifies insurance eligibility and collects co-payments at check-in.',
      'Schedules appointments and obtains prior authorizations.',
      'Scans identification and insurance cards into the patient account.',
    ],
    bundles: [b([])], education: [ed('high_school')], years: [null, 1], experienceOf: 'customer service',
    pay: pay([16, 21], [33000, 42000], 1), remoteShare: 0.05,
  },
  {
    kind: 'medical_assistant', degreeField: 'medical assisting', titles: ['Medical Assistant', 'Certified Medical Assistant - Family Medicine'],
    department: 'Primary Care',
    duties: [
      'Rooms patients, takes vital signs and updates medication lists in the EHR.',
      'Gives injections and collects specimens under provider direction.',
      'Prepares exam rooms and sterilizes instruments.',
    ],
    bundles: [b([g(['BLS'])])], education: [ed('postsecondary_certificate')], years: [null, 1], experienceOf: 'clinical medical assistant',
    pay: pay([18, 23], [37000, 47000], 1), remoteShare: 0,
  },
  {
    kind: 'nurse', degreeField: 'nursing', titles: ['Registered Nurse - Med/Surg', 'RN Case Manager', 'Registered Nurse, PACU'],
    department: 'Nursing',
    duties: [
      'Provides direct patient care, assessments and medication administration on a 32-bed unit.',
      'Coordinates care plans with physicians, therapists and families.',
      'Documents nursing assessments and interventions in the EHR.',
    ],
    bundles: [b([g(['RN']), g(['BLS'])])], education: [ed('associate'), ed('bachelor')], years: [null, 1, 2], experienceOf: 'acute care nursing',
    pay: pay([38, 52], [80000, 108000], 0.8), remoteShare: 0,
  },
  {
    kind: 'pharmacy_tech', degreeField: 'a related field', titles: ['Pharmacy Technician', 'Inpatient Pharmacy Technician'],
    department: 'Pharmacy',
    duties: ['Fills and delivers unit-dose medications and restocks automated dispensing cabinets.', 'Compounds IV admixtures under pharmacist supervision.', 'Maintains pharmacy inventory and temperature logs.'],
    bundles: [b([])], education: [ed('high_school')], years: [null, 1], experienceOf: 'pharmacy',
    pay: pay([17, 23], [36000, 47000], 1), remoteShare: 0,
  },
  {
    kind: 'it_help_desk', degreeField: 'information technology', titles: ['IT Help Desk Analyst', 'Service Desk Technician'],
    department: 'Information Technology',
    duties: ['Answers calls from clinicians about Epic log-ins, printers and password resets.', 'Images and deploys laptops and workstations on wheels.', 'Escalates tickets to application teams in ServiceNow.'],
    bundles: [b([])], education: [ed('associate', false, true)], years: [1, 2], experienceOf: 'help desk',
    pay: pay([20, 27], [42000, 56000], 0.6), remoteShare: 0.2,
  },
  {
    kind: 'research_coder', degreeField: 'public health, psychology or a related field', titles: ['Research Data Coder', 'Data Coder - Epidemiology Study'],
    department: 'Research Institute',
    duties: ['Codes free-text questionnaire responses from a 30-year cohort study into the study codebook.', 'Enters and double-checks survey data in REDCap.', 'Flags inconsistent answers for the principal investigator.'],
    bundles: [b([])], education: [ed('bachelor')], years: [null], experienceOf: 'research data entry',
    pay: pay([19, 24], [40000, 50000], 0.7), remoteShare: 0.3,
  },
  {
    kind: 'software_engineer', degreeField: 'computer science or a related field', titles: ['Software Engineer, Medical Records Platform', 'Backend Developer - Health Records Team'],
    department: 'Engineering',
    duties: ['Builds TypeScript services for the medical-records product used by 2,000 clinics.', 'Designs Postgres schemas for chart documents and audit trails.', 'Reviews code and owns on-call for the records API.'],
    bundles: [b([])], education: [ed('bachelor', false, true)], years: [3, 5], experienceOf: 'backend software engineering',
    pay: pay(null, [120000, 165000], 0), remoteShare: 0.6,
  },
  {
    kind: 'unit_clerk', degreeField: 'a related field', titles: ['Health Unit Coordinator', 'Unit Secretary - ICU'],
    department: 'Nursing',
    duties: ['Answers call lights and phones at the nursing station.', 'Enters provider orders and manages bed-board updates.', 'Assembles admission packets for the nursing unit.'],
    bundles: [b([], [g(['BLS'])])], education: [ed('high_school')], years: [null], experienceOf: 'hospital unit clerical',
    pay: pay([16, 20], [33000, 41000], 1), remoteShare: 0,
  },
];

export interface FederalTitle {
  readonly title: string;
  readonly series: string;
  readonly grades: readonly [number, number];
}

/** VA 0675/0669 announcements by the role their duties map to (hit-reference §3.4 note 1). */
export const VA_TITLES: Partial<Record<RoleId, readonly FederalTitle[]>> = {
  him_technician: [{ title: 'Medical Records Technician', series: '0675', grades: [5, 6] }, { title: 'Medical Records Technician (HIT)', series: '0675', grades: [6, 7] }],
  roi_specialist: [{ title: 'Medical Records Technician (ROI)', series: '0675', grades: [4, 6] }, { title: 'Lead Medical Records Technician (ROI)', series: '0675', grades: [7, 7] }],
  coder_outpatient: [{ title: 'Medical Records Technician (Coder)', series: '0675', grades: [5, 7] }, { title: 'Medical Records Technician (Coder-Outpatient)', series: '0675', grades: [6, 7] }],
  coder_inpatient: [{ title: 'Medical Records Technician (Coder-Inpatient)', series: '0675', grades: [7, 8] }],
  coding_auditor_educator: [{ title: 'Medical Records Technician (Coder-Auditor)', series: '0675', grades: [8, 9] }],
  cancer_registrar: [{ title: 'Medical Records Technician (Cancer Registrar)', series: '0675', grades: [6, 7] }],
  cdi_specialist: [{ title: 'Medical Records Technician (CDIS)', series: '0675', grades: [9, 9] }],
  him_manager: [{ title: 'Supervisory Medical Records Technician (Coder)', series: '0675', grades: [9, 9] }, { title: 'Medical Record Administrator (Coding Supervisor)', series: '0669', grades: [11, 11] }],
};

export const VA_CREDENTIALS: Partial<Record<RoleId, CredentialBundle>> = {
  coder_outpatient: b([CODING]), coder_inpatient: b([CODING]), coding_auditor_educator: b([CODING]), cdi_specialist: b([CODING]),
  him_manager: b([CODING]), cancer_registrar: b([], [g(['ODS-C'])]), him_technician: b([], [g(['RHIT'])]), roi_specialist: b([]),
};

export const ANG_TITLES: readonly FederalTitle[] = [
  { title: 'Health Technician', series: '0640', grades: [5, 7] },
  { title: 'Health Systems Technician', series: '0671', grades: [7, 9] },
];

/** A clinical 0640 VA job: a federal hard negative. */
export const VA_CLINICAL_HEALTH_TECH: FederalTitle = { title: 'Health Technician (Ophthalmology)', series: '0640', grades: [6, 7] };

/** 2025 GS base pay, step 1 and step 10 (rounded). */
export const GS_BASE: Readonly<Record<number, readonly [number, number]>> = {
  4: [33_000, 42_900], 5: [36_900, 48_000], 6: [41_200, 53_500], 7: [45_700, 59_400], 8: [50_600, 65_800], 9: [55_900, 72_600], 11: [67_600, 87_900],
};
