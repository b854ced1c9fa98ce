// The canonical HIT role taxonomy (domain/hit-reference.md §3.4).

export const ROLE_IDS = [
  'him_clerk',
  'him_technician',
  'roi_specialist',
  'coder_outpatient',
  'coder_inpatient',
  'coder_profee',
  'coder_risk_adjustment',
  'coding_auditor_educator',
  'cdi_specialist',
  'cancer_registrar',
  'clinical_data_abstractor',
  'health_data_analyst',
  'ehr_informatics_analyst',
  'privacy_security_specialist',
  'billing_revenue_integrity',
  'him_manager',
  'him_director',
  'mil_health_admin_tech',
] as const;

export type RoleId = (typeof ROLE_IDS)[number];

export interface RoleInfo {
  readonly id: RoleId;
  readonly label: string;
  readonly socCode: string;
  /** Role family used by the matcher to relate experience to a posting. */
  readonly family: 'records' | 'coding' | 'documentation' | 'registry' | 'data' | 'compliance' | 'revenue' | 'management' | 'military';
}

export const ROLES: Readonly<Record<RoleId, RoleInfo>> = {
  him_clerk: { id: 'him_clerk', label: 'HIM / Medical Records Clerk', socCode: '29-2072', family: 'records' },
  him_technician: { id: 'him_technician', label: 'HIM Technician / Specialist', socCode: '29-2072', family: 'records' },
  roi_specialist: { id: 'roi_specialist', label: 'Release of Information Specialist', socCode: '29-2072', family: 'records' },
  coder_outpatient: { id: 'coder_outpatient', label: 'Outpatient (facility) Coder', socCode: '29-2072', family: 'coding' },
  coder_inpatient: { id: 'coder_inpatient', label: 'Inpatient Coder', socCode: '29-2072', family: 'coding' },
  coder_profee: { id: 'coder_profee', label: 'Professional-fee Coder', socCode: '29-2072', family: 'coding' },
  coder_risk_adjustment: { id: 'coder_risk_adjustment', label: 'Risk Adjustment / HCC Coder', socCode: '29-2072', family: 'coding' },
  coding_auditor_educator: { id: 'coding_auditor_educator', label: 'Coding Auditor / Quality / Educator', socCode: '29-2072', family: 'coding' },
  cdi_specialist: { id: 'cdi_specialist', label: 'Clinical Documentation Integrity Specialist', socCode: '29-2072', family: 'documentation' },
  cancer_registrar: { id: 'cancer_registrar', label: 'Cancer Registrar / Oncology Data Specialist', socCode: '29-9021', family: 'registry' },
  clinical_data_abstractor: { id: 'clinical_data_abstractor', label: 'Clinical/Quality Data Abstractor', socCode: '29-9021', family: 'registry' },
  health_data_analyst: { id: 'health_data_analyst', label: 'Health Data / HIM Analyst', socCode: '29-9021', family: 'data' },
  ehr_informatics_analyst: { id: 'ehr_informatics_analyst', label: 'EHR / Health Informatics Analyst', socCode: '15-1211.01', family: 'data' },
  privacy_security_specialist: { id: 'privacy_security_specialist', label: 'Privacy / Security / Compliance', socCode: '13-1041', family: 'compliance' },
  billing_revenue_integrity: { id: 'billing_revenue_integrity', label: 'Billing / Revenue Integrity (adjacent)', socCode: '29-2072', family: 'revenue' },
  him_manager: { id: 'him_manager', label: 'HIM Supervisor / Manager', socCode: '11-9111', family: 'management' },
  him_director: { id: 'him_director', label: 'HIM Director', socCode: '11-9111', family: 'management' },
  mil_health_admin_tech: { id: 'mil_health_admin_tech', label: 'Military / Title 32 health administration technician', socCode: '29-2072', family: 'military' },
};

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value);
}
