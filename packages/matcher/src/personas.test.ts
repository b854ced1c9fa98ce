// Four personas over a small hand-built listing set, with the eligible sets a careful
// human reader of these postings would expect.
import { describe, expect, it } from 'vitest';
import { NOW, RALEIGH, group, makeListing, makeProfile } from './fixtures.test-support.ts';
import { rankListings } from './rank.ts';

const none = { required: [], preferred: [] };
const LISTINGS = [
  makeListing('him-tech-rhit-eligible', {
    credentials: { required: [group('RHIT or RHIT-eligible required', ['RHIT'], { eligibleAccepted: true })], preferred: [] },
    education: { minLevel: 'associate', fields: ['him', 'hit'] },
  }),
  makeListing('profee-cpc', {
    role: 'coder_profee', title: 'Professional Fee Coder',
    credentials: { required: [group('CPC or CCS-P required', ['CPC', 'CCS-P'])], preferred: [] },
    experience: { minYears: 2, specialties: ['coder_profee'] },
  }),
  makeListing('inpatient-ccs', {
    role: 'coder_inpatient', title: 'Inpatient Coder II', locations: [RALEIGH],
    credentials: { required: [group('CCS required', ['CCS'])], preferred: [group('RHIT or RHIA preferred', ['RHIT', 'RHIA'])] },
    experience: { minYears: 3, specialties: ['inpatient coding'] },
  }),
  makeListing('outpatient-surgical', {
    role: 'coder_outpatient', title: 'Outpatient Coder – Same Day Surgery',
    credentials: { required: [group('COC, CPC or CCS required', ['COC', 'CPC', 'CCS'])], preferred: [] },
    experience: { minYears: 2, specialties: ['outpatient_surgical_coding'] },
  }),
  makeListing('him-manager', {
    role: 'him_manager', title: 'HIM Coding Manager',
    credentials: { required: [group('RHIA required', ['RHIA'])], preferred: [group('CCS preferred', ['CCS'])] },
    education: { minLevel: 'bachelor', fields: ['him'] },
    experience: { minYears: 5, specialties: ['coding'] },
  }),
  makeListing('ang-health-tech', {
    role: 'mil_health_admin_tech', title: 'Health Systems Technician', employer: 'North Carolina Air National Guard', setting: 'military',
    descriptionText: 'Title 32 dual status technician. Requires membership in a compatible military assignment in the NC Air National Guard.',
    experience: { minYears: 1, specialties: ['records'] }, credentials: none,
    federal: { series: ['0671'], payPlan: 'GS', gradeLow: 7, gradeHigh: 7, title32: true, militaryMembershipRequired: true, whoMayApply: ['guard_members'] },
  }),
  makeListing('clerk-open', { role: 'him_clerk', title: 'Medical Records Clerk', education: { minLevel: 'high_school' } }),
  makeListing('va-internal', {
    role: 'coder_outpatient', setting: 'federal', title: 'Medical Records Technician (Coder)',
    credentials: { required: [group('CCS, CCS-P, RHIT, RHIA, CPC or COC', ['CCS', 'CCS-P', 'RHIT', 'RHIA', 'CPC', 'COC'])], preferred: [] },
    federal: { series: ['0675'], payPlan: 'GS', gradeLow: 7, gradeHigh: 8, title32: false, militaryMembershipRequired: false, whoMayApply: ['federal_employees', 'status_candidates'] },
  }),
];

function eligibleSet(profile: ReturnType<typeof makeProfile>): string[] {
  return rankListings(profile, LISTINGS, { now: NOW })
    .results.filter((r) => r.eligibility === 'eligible').map((r) => r.listingId).sort();
}

describe('personas', () => {
  it('new graduate, AAS HIT from a CAHIIM program, RHIT-eligible', () => {
    const grad = makeProfile({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: true, date: '2026-05-15' }] });
    expect(eligibleSet(grad)).toEqual(['clerk-open', 'him-tech-rhit-eligible']);
  });

  it('CPC with 3 years of pro-fee coding', () => {
    const coder = makeProfile({
      education: [{ level: 'high_school' }], credentials: [{ id: 'CPC' }], experience: [{ area: 'coder_profee', years: 3 }],
    });
    expect(eligibleSet(coder)).toEqual(['clerk-open', 'profee-cpc']);
  });

  it('RHIA with 6 years of inpatient coding', () => {
    const rhia = makeProfile({
      education: [{ level: 'bachelor', field: 'him', cahiimAccredited: true }], credentials: [{ id: 'RHIA' }],
      experience: [{ area: 'coder_inpatient', years: 6 }],
    });
    expect(eligibleSet(rhia)).toEqual(['clerk-open', 'him-manager', 'him-tech-rhit-eligible']);
  });

  it('Air National Guard member with records experience and no certification', () => {
    const airman = makeProfile({
      education: [{ level: 'high_school' }], military: { member: true, branch: 'air_national_guard' },
      experience: [{ area: 'military_records', years: 3 }],
    });
    const ranked = rankListings(airman, LISTINGS, { now: NOW }).results;
    expect(eligibleSet(airman)).toEqual(['ang-health-tech', 'clerk-open']);
    expect(ranked.find((r) => r.listingId === 'va-internal')!.summary).toMatch(/^Ineligible: no CCS/);
  });
});
