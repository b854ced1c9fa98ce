import { describe, expect, it } from 'vitest';
import { decideRole } from './role.ts';

const CODER_DUTIES = 'Reviews health records and assigns ICD-10-CM and CPT codes. Maintains coding accuracy. RHIT or CCS preferred.';

describe('decideRole: relevance', () => {
  it.each([
    ['Medical Records Technician (ROI)', 'Reviews, processes and indexes requests for protected health information. Release of information per HIPAA authorization forms.', 'roi_specialist'],
    ['Medical Records Technician (Coder-Inpatient)', 'Assigns ICD-10-CM and ICD-10-PCS codes to inpatient health records; MS-DRG assignment.', 'coder_inpatient'],
    ['Supervisory Medical Records Technician (Coder)', CODER_DUTIES, 'him_manager'],
    ['Tumor Registrar', 'Abstract data for the cancer registry; ICD-O-3 and AJCC staging.', 'cancer_registrar'],
    ['CDI Specialist', 'Reviews inpatient health records for documentation integrity; queries physicians.', 'cdi_specialist'],
    ['Risk Adjustment Coder', 'Reviews charts for HCC capture. ICD-10-CM.', 'coder_risk_adjustment'],
    ['Coding Auditor', CODER_DUTIES, 'coding_auditor_educator'],
    ['Healthcare Data Analyst', 'Analyze claims data and EHR data for our patients and providers; clinical quality measures; health outcomes.', 'health_data_analyst'],
    ['Chart Completion Analyst', 'Tracks delinquent charts and assigns deficiencies to providers. Maintains the master patient index. Academic health system.', 'him_technician'],
    ['Correspondence Specialist', 'Validates HIPAA authorizations, subpoenas and court orders. Processes requests for protected health information; right-of-access deadlines.', 'roi_specialist'],
    ['Scanning and Indexing Clerk', 'Scans, indexes and quality-checks paper documents into the electronic health record; retrieves medical records.', 'him_clerk'],
    ['Retrospective Chart Reviewer', 'Abstracts ICD-10-CM diagnoses that map to CMS-HCC categories; supports RADV audits.', 'coder_risk_adjustment'],
    ['DRG Validation Auditor', 'Validates MS-DRG assignment and audits coding accuracy; CCS a plus.', 'coding_auditor_educator'],
    ['Coding and Billing Specialist', 'Assigns CPT/HCPCS codes for missing charges and works coding edits before claims are billed. CPC or CCS.', 'billing_revenue_integrity'],
    ['Health Technician', 'Air National Guard Title 32 dual status. Processes line-of-duty determinations and deployment health assessments; maintains health records.', 'mil_health_admin_tech'],
    ['Trauma Registrar', 'Prairie Oncology Associates. Abstracts trauma data from the medical record into the NTDB registry.', 'clinical_data_abstractor'],
    ['Audit Specialist', 'Develops coding education from audit findings; responds to denials with coding rationale; MS-DRG validation. CCS preferred.', 'coding_auditor_educator'],
    ['Clinical Documentation Specialist RN', 'Reviews inpatient records and queries physicians for documentation integrity. RN license required. CCDS preferred.', 'cdi_specialist'],
  ])('%s → %s', (title, text, role) => {
    const d = decideRole(title, text);
    expect(d.isHit).toBe(true);
    expect(d.role).toBe(role);
    expect(d.socCode).not.toBeNull();
    expect(d.roleConfidence).toBeGreaterThan(0);
  });

  it.each([
    ['Billing Specialist', 'Submit claims, post payments, work denials and collections in the accounts receivable system.'],
    ['Patient Access Representative', 'Patient registration, insurance verification, check-in and scheduling appointments.'],
    ['Medical Assistant', 'Take vital signs, collect specimens, room patients; medical records upkeep.'],
    ['RN Case Manager', 'Registered nurse license required. Case management and utilization review; discharge planning.'],
    ['Pharmacy Technician', 'Fill prescriptions under the pharmacist.'],
    ['Help Desk Analyst', 'Troubleshoot computers and printers; resolve tickets for clinic staff using the EHR.'],
    ['CODER DOM CDNM', 'Research division: code questionnaires for the cohort study; work with research associates on data collection.'],
    ['PHP Developer, Medical Records Team', 'Build our medical records product in PHP and JavaScript, microservices and unit tests.'],
    ['Lead Credentialing Specialist', 'Provider enrollment, CAQH, privileging and credentialing files.'],
    ['Front Desk Administrator', 'Greet patients, answer phones, check-in.'],
    ['Records Specialist & Academic Scheduler', 'Manage student transfer records, graduation requirements and transcripts.'],
    ['Billing and Coding Specialist', 'Submits claims, posts payments, works denials and collections; knowledge of CPT and ICD-10 helpful.'],
    ['Health Technician', 'Takes vital signs and collects specimens; assists with patient care in the clinic.'],
  ])('%s is not HIT', (title, text) => {
    const d = decideRole(title, text);
    expect(d.isHit).toBe(false);
    expect(d.role).toBeNull();
  });
});

describe('decideRole: coder setting (§3.4 note 2)', () => {
  it('reads setting cues when the title has none', () => {
    expect(decideRole('Coding Specialist', 'Assigns codes for emergency department visits and ambulatory surgery; APC and UB-04 edits. ICD-10-CM, CPT.').role).toBe('coder_outpatient');
    expect(decideRole('Coding Specialist', 'Assigns E/M and CPT codes for provider office visits on the CMS-1500. ICD-10-CM.').role).toBe('coder_profee');
    expect(decideRole('Coding Specialist', 'Assigns ICD-10-PCS codes and MS-DRGs for discharges. ICD-10-CM.').role).toBe('coder_inpatient');
  });

  it('classifies a Guard readiness technician as military health administration', () => {
    const d = decideRole('Health Systems Technician (Title 32)', 'Dual status Air National Guard technician. Tracks individual medical readiness (IMR), periodic health assessments in ASIMS and maintains medical records.');
    expect(d).toMatchObject({ isHit: true, role: 'mil_health_admin_tech' });
  });

  it('explains its decision', () => {
    expect(decideRole('Medical Coder', CODER_DUTIES).reasons.length).toBeGreaterThan(1);
  });
});
