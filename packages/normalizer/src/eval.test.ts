import { describe, expect, it } from 'vitest';
import { acceptedRoles, formatScores, labelCredentialIds, scoreNormalizer, type Label } from './eval.ts';
import { loadRealPostings } from './test-helpers/real-postings.ts';

const base: Label = { is_hit: true, role: 'inpatient_coder', required_credentials: ['CCS|CIC'], preferred_credentials: [], min_degree: 'associate', salary: { min: 30, max: 40, period: 'hour' }, remote: 'onsite', employment_type: 'full_time', degree_or_experience_substitution: null, min_years_experience: 2 };

describe('scoreNormalizer', () => {
  it('maps label ids onto the taxonomy', () => {
    expect([...acceptedRoles({ ...base, role: 'federal_medical_records', acceptable_roles: ['release_of_information'] })].sort()).toEqual(['him_technician', 'roi_specialist']);
    expect(acceptedRoles({ ...base, role: 'coding_generic' }).has('coder_profee')).toBe(true);
    expect(labelCredentialIds(['ANY_CODING_CERT']).size).toBe(9);
    expect([...labelCredentialIds(['CTR', 'CCS|CPC'])]).toEqual(['ODS-C', 'CCS', 'CPC']);
  });

  it('scores a correct and a wrong prediction', () => {
    const raw = { title: 'Inpatient Coder', description: 'Requirements: CCS or CIC required. Associate degree required. 2 years of inpatient coding experience. Pay $30 - $40 per hour. Full-time, on-site.' };
    const good = scoreNormalizer([{ raw, label: base }]);
    expect(good.role.accuracy).toBe(1);
    expect(good.requiredCredentials.f1).toBe(1);
    expect(good.salary.accuracy).toBe(1);
    const bad = scoreNormalizer([{ raw, label: { ...base, is_hit: false, salary: null, required_credentials: ['RHIA'] } }]);
    expect(bad.isHit.precision).toBe(0);
    expect(bad.salary.accuracy).toBe(0);
    expect(bad.requiredCredentials.f1).toBe(0);
  });
});

describe('real labelled postings', () => {
  it('scores above sanity floors and prints the table', () => {
    const items = loadRealPostings();
    expect(items.length).toBeGreaterThan(20);
    const s = scoreNormalizer(items);
    console.log(`\n${formatScores(s)}\n`);
    // Floors only: the held-out set, not these files, measures accuracy.
    expect(s.errors).toBe(0);
    expect(s.isHit.f1).toBeGreaterThan(0.7);
    expect(s.role.accuracy).toBeGreaterThan(0.6);
    expect(s.requiredCredentials.f1).toBeGreaterThan(0.6);
    expect(s.salary.accuracy).toBeGreaterThan(0.6);
  });
});
