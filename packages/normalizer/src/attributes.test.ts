import { describe, expect, it } from 'vitest';
import { detectEmploymentType, detectSetting, detectShift, extractFederal, extractSkills } from './attributes.ts';

describe('employment type and shift', () => {
  it('reads structured, title and text', () => {
    expect(detectEmploymentType('Full-time', 'Coder', '')).toBe('full_time');
    expect(detectEmploymentType(null, 'RN Case Manager | Hospice | Remote | FT Job', '')).toBe('full_time');
    expect(detectEmploymentType(null, 'Coder', 'This is a PRN position.')).toBe('per_diem');
    expect(detectEmploymentType(null, 'Coder', 'A 6-month contract assignment.')).toBe('contract');
    expect(detectEmploymentType(null, 'Coder', 'Participation in the seasonal influenza vaccination program.')).toBe('unknown');
    expect(detectEmploymentType(null, 'Coder', 'Perm/Temp Permanent FT/PT Full-time')).toBe('full_time');
    expect(detectEmploymentType(null, 'Coder', 'Duties...\nSchedule: Contract\nLocation: Remote')).toBe('contract');
    expect(detectEmploymentType(null, 'Coder', 'Job type: Temporary')).toBe('temporary');
    expect(detectEmploymentType(null, 'Coder', 'Appointment type: Temporary')).toBe('temporary');
    expect(detectEmploymentType(null, 'Coder', 'Temporary (90 days)')).toBe('temporary');
    expect(detectEmploymentType(null, 'Coder', 'Reviews contract terms with payers. Status: Full-time')).toBe('full_time');
    // Words about the people who may apply, not about this job.
    expect(detectEmploymentType(null, 'Technician', 'Area of consideration: all currently employed full-time permanent, indefinite and temporary personnel of the State National Guard.')).toBe('unknown');
    expect(detectEmploymentType(null, 'Clerk', 'Open to part-time and full-time employees of the agency. This is a part-time position.')).toBe('part_time');
    expect(detectEmploymentType(null, 'Coder', 'A full-time position with benefits for employees and their families.')).toBe('full_time');
    expect(detectEmploymentType(null, 'Technician', 'We are hiring full-time technicians for our HIM department.')).toBe('full_time');
  });

  it('reads shifts', () => {
    expect(detectShift('Night shift, 7p-7a')).toBe('night');
    expect(detectShift('Monday through Friday, 8-4:30')).toBe('day');
    expect(detectShift('Assign codes.')).toBeNull();
  });
});

describe('setting', () => {
  it('weighs setting words', () => {
    expect(detectSetting('Join our acute care hospital HIM department.', false, false)).toBe('hospital');
    expect(detectSetting('Our client, a staffing partner, seeks a coder.', false, false)).toBe('vendor');
    expect(detectSetting('Veterans Health Administration', true, false)).toBe('federal');
  });
});

describe('extractFederal', () => {
  it('reads series and grades from text', () => {
    const f = extractFederal(null, 'Medical Records Technician (Coder) GS-0675-07. Pay scale & grade GS 4 - 6');
    expect(f).toMatchObject({ series: ['0675'], payPlan: 'GS', gradeLow: 4, gradeHigh: 7, title32: false });
  });

  it('reads Title 32 dual status and membership', () => {
    const f = extractFederal(null, 'This is a Title 32 excepted service position (32 USC 709), dual status. Must be a member of the Air National Guard. This job is open to\nNational Guard members');
    expect(f).toMatchObject({ title32: true, militaryMembershipRequired: true });
    expect(f!.whoMayApply).toContain('guard_members');
  });

  it('prefers structured USAJOBS data and maps hiring paths', () => {
    const f = extractFederal({ series: ['675'], payPlan: 'GS', gradeLow: 5, gradeHigh: 7, hiringPaths: ['public', 'vet', 'mspouse'] }, '');
    expect(f).toMatchObject({ series: ['0675'], gradeLow: 5, gradeHigh: 7 });
    expect(f!.whoMayApply).toEqual(expect.arrayContaining(['public', 'veterans', 'military_spouses']));
  });

  it('is null for private postings', () => {
    expect(extractFederal(null, 'Outpatient coder at a community hospital')).toBeNull();
  });
});

describe('extractSkills', () => {
  it('names code sets, EHRs and encoders', () => {
    const skills = extractSkills('ICD-10-CM/PCS, CPT and HCPCS; MS-DRG and APR-DRG; Epic, Cerner; 3M 360 Encompass; Optum EncoderPro; E/M leveling');
    expect(skills).toEqual(expect.arrayContaining(['ICD-10-CM', 'CPT', 'HCPCS', 'MS-DRG', 'APR-DRG', 'Epic', 'Cerner/Oracle Health', '3M/Solventum 360', 'Optum EncoderPro', 'E/M']));
  });
});
