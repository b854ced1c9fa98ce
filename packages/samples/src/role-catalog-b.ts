import { g, type CredentialBundle, type EducationOption, type PayBand, type RoleSpec } from './role-catalog.ts';
import type { TruthCredentialGroup } from './types.ts';

const b = (required: TruthCredentialGroup[], preferred: TruthCredentialGroup[] = []): CredentialBundle => ({ required, preferred });
const ed = (level: EducationOption['level'], cahiim = false, substitutes = false): EducationOption => ({ level, cahiim, substitutes });
const pay = (hour: readonly [number, number] | null, year: readonly [number, number], hourlyShare: number): PayBand => ({ hour, year, hourlyShare });

export const ROLE_SPECS_B: readonly RoleSpec[] = [
  {
    role: 'cancer_registrar', titles: ['Cancer Registrar', 'Tumor Registrar', 'Oncology Data Specialist', 'Cancer Registry Abstractor'],
    departments: ['Cancer Registry', 'Oncology Services'],
    duties: [
      'Abstracts cancer cases into the registry using ICD-O-3 topography and morphology codes.',
      'Assigns AJCC and SEER Summary staging and records first course of treatment.',
      'Performs annual follow-up on the analytic caseload and submits data to the state registry and NCDB.',
      'Supports the cancer committee and Commission on Cancer accreditation surveys.',
    ],
    bundles: [b([g(['ODS-C'])]), b([g(['ODS-C'], true)]), b([], [g(['ODS-C'])]), b([g(['ODS-C'], false, 12)])],
    education: [ed('associate'), ed('some_college')], years: [null, 1, 2],
    experienceOf: 'cancer registry abstracting', pay: pay([24, 35], [55000, 78000], 0.5), remoteShare: 0.5,
  },
  {
    role: 'clinical_data_abstractor', titles: ['Quality Data Abstractor', 'Core Measures Abstractor', 'Trauma Registrar', 'Stroke Registry Specialist'],
    departments: ['Quality and Patient Safety', 'Trauma Services'],
    duties: [
      'Abstracts core measure, sepsis (SEP-1) and stroke data from the medical record into vendor registries.',
      'Validates registry data against the record and meets quarterly submission deadlines.',
      'Prepares abstraction reports for the quality committee and The Joint Commission.',
      'Keeps current with NHSN, NTDB and Get With The Guidelines data definitions.',
    ],
    bundles: [b([], [g(['RHIT', 'RN'])]), b([g(['RHIT', 'RHIA', 'RN'])]), b([])],
    education: [ed('associate'), ed('associate', false, true)], years: [1, 2],
    experienceOf: 'chart abstraction', pay: pay([24, 33], [52000, 70000], 0.6), remoteShare: 0.4,
  },
  {
    role: 'health_data_analyst', titles: ['Health Data Analyst', 'HIM Data Analyst', 'Clinical Data Analyst', 'Healthcare Reporting Analyst'],
    departments: ['Analytics', 'Health Information Management'],
    duties: [
      'Builds SQL queries and Tableau dashboards on coded clinical and claims data.',
      'Trends case-mix index, DRG distribution and coding productivity for HIM leadership.',
      'Validates data extracts for quality reporting and state discharge-data submissions.',
      'Documents data definitions and works with IT on the enterprise data warehouse.',
    ],
    bundles: [b([], [g(['CHDA'])]), b([], [g(['CHDA', 'RHIA'])]), b([])],
    education: [ed('bachelor', false, true), ed('bachelor')], years: [2, 3],
    experienceOf: 'healthcare data analysis', pay: pay(null, [65000, 92000], 0), remoteShare: 0.5,
  },
  {
    role: 'ehr_informatics_analyst', titles: ['EHR Analyst', 'Clinical Applications Analyst', 'Health Informatics Specialist', 'Epic HIM Analyst'],
    departments: ['Information Services', 'Clinical Informatics'],
    duties: [
      'Builds and maintains the Epic HIM, deficiency-tracking and chart-correction modules.',
      'Gathers requirements from HIM and coding users and translates them into EHR build.',
      'Tests upgrades, writes training materials and supports go-lives.',
      'Troubleshoots document-imaging and interface issues with the vendor.',
    ],
    bundles: [b([], [g(['CPHIMS', 'CAHIMS'])]), b([]), b([], [g(['RHIA', 'RHIT'])])],
    education: [ed('bachelor'), ed('bachelor', false, true)], years: [2, 3],
    experienceOf: 'EHR application support', pay: pay(null, [72000, 105000], 0), remoteShare: 0.4,
  },
  {
    role: 'privacy_security_specialist', titles: ['Privacy Specialist', 'HIPAA Compliance Specialist', 'Information Governance Specialist', 'Privacy Analyst'],
    departments: ['Compliance and Privacy'],
    duties: [
      'Investigates privacy complaints and potential breaches of protected health information.',
      'Runs EHR access audits and reports inappropriate access to leadership.',
      'Maintains HIPAA policies and delivers privacy training to workforce members.',
      'Completes breach risk assessments and notification letters.',
    ],
    bundles: [b([], [g(['CHPS', 'CHPC'])]), b([g(['CHPS', 'CHPC'], false, 12)]), b([], [g(['RHIA'])])],
    education: [ed('bachelor'), ed('bachelor', false, true)], years: [3, 5],
    experienceOf: 'healthcare privacy or compliance', pay: pay(null, [68000, 95000], 0), remoteShare: 0.35,
  },
  {
    role: 'billing_revenue_integrity', titles: ['Revenue Integrity Analyst', 'Charge Capture Coding Specialist', 'CDM Analyst', 'Coding and Billing Specialist'],
    departments: ['Revenue Integrity', 'Patient Financial Services'],
    duties: [
      'Reviews charge capture against documentation and assigns CPT/HCPCS codes for missing charges.',
      'Maintains the charge description master, revenue codes and HCPCS mappings.',
      'Works coding edits and corrects CPT codes and modifiers before claims are billed.',
      'Analyzes denial trends with coding and patient financial services.',
    ],
    bundles: [b([g(['CPC', 'COC', 'CCS'])]), b([], [g(['CPC', 'CPB'])]), b([g(['CPC'])])],
    education: [ed('high_school'), ed('associate', false, true)], years: [2, 3],
    experienceOf: 'hospital coding or charge capture', pay: pay([24, 33], [55000, 72000], 0.5), remoteShare: 0.35,
  },
  {
    role: 'him_manager', titles: ['HIM Manager', 'Coding Manager', 'HIM Supervisor', 'Manager, Release of Information'],
    departments: ['Health Information Management'],
    duties: [
      'Leads a team of coders and HIM technicians, including hiring, scheduling and annual reviews.',
      'Monitors DNFB, coding productivity and chart-completion metrics and acts on trends.',
      'Maintains HIM policies in line with Joint Commission and CMS Conditions of Participation.',
      'Partners with revenue cycle and CDI leaders on coding quality.',
    ],
    bundles: [b([g(['RHIA', 'RHIT'])]), b([g(['RHIA', 'RHIT'])], [g(['CCS'])]), b([g(['RHIA', 'RHIT'], false, 12)])],
    education: [ed('bachelor', false, true), ed('associate')], years: [3, 5],
    experienceOf: 'HIM leadership', pay: pay(null, [75000, 100000], 0), remoteShare: 0.15,
  },
  {
    role: 'him_director', titles: ['Director of Health Information Management', 'HIM Director', 'Director, Medical Records'],
    departments: ['Health Information Management'],
    duties: [
      'Sets strategy for health information management, coding, CDI and release of information across the system.',
      'Owns the legal medical record definition, retention schedule and record-integrity program.',
      'Manages a department budget and vendor contracts for coding and ROI services.',
      'Reports HIM key performance indicators to the revenue cycle executive team.',
    ],
    bundles: [b([g(['RHIA'])]), b([g(['RHIA', 'RHIT'])], [g(['CCS', 'CDIP'])])],
    education: [ed('bachelor'), ed('master')], years: [5, 7],
    experienceOf: 'progressive HIM management', pay: pay(null, [105000, 150000], 0), remoteShare: 0.05,
  },
  {
    role: 'mil_health_admin_tech', titles: ['Health Technician', 'Health Systems Technician', 'Health Technician (Medical Readiness)'],
    departments: ['Medical Group'],
    duties: [
      'Tracks Individual Medical Readiness (IMR) for wing members in ASIMS, including periodic health assessments and immunizations.',
      'Maintains outpatient health records and prepares copies and abstracts for release of information.',
      'Schedules deployment health assessments and reports deployment-limiting conditions to commanders.',
      'Processes line-of-duty determinations and medical board packages.',
    ],
    bundles: [b([])], education: [ed('unknown')], years: [null, 1],
    experienceOf: 'medical administration', pay: pay(null, [45000, 70000], 0), remoteShare: 0,
  },
];
