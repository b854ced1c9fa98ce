import { describe, expect, it } from 'vitest';
import { evaluateListing } from './evaluate.ts';
import { NOW, makeListing, makeProfile } from './fixtures.test-support.ts';
import type { Check, CheckKind } from './types.ts';

const find = (checks: Check[], kind: CheckKind) => checks.find((c) => c.requirement === kind);

describe('education', () => {
  const associateHim = makeListing('E1', {
    education: { minLevel: 'associate', fields: ['him', 'hit', 'related'], cahiimRequired: false, experienceSubstitutes: true },
    role: 'coder_outpatient',
  });

  it('unknown minimum level is unknown, not unmet, and does not gate', () => {
    const listing = makeListing('E0', { education: { minLevel: 'unknown' } });
    const r = evaluateListing(makeProfile(), listing, { now: NOW });
    expect(find(r.checks, 'education')!.status).toBe('unknown');
    expect(r.eligibility).toBe('eligible');
  });

  it('a profile that shows no education is unmet against an associate minimum', () => {
    const r = evaluateListing(makeProfile(), associateHim, { now: NOW });
    expect(find(r.checks, 'education')!.status).toBe('unmet');
    expect(r.eligibility).toBe('ineligible');
  });

  it('"or 2 years of coding experience in lieu of degree" credits experience in place of the degree', () => {
    const coder = makeProfile({ education: [{ level: 'high_school' }], experience: [{ area: 'coder_outpatient', years: 2 }] });
    const check = find(evaluateListing(coder, associateHim, { now: NOW }).checks, 'education')!;
    expect(check.status).toBe('met');
    expect(check.detail).toContain('experience in place of degree');
    const short = makeProfile({ education: [{ level: 'high_school' }], experience: [{ area: 'coder_outpatient', years: 1 }] });
    expect(find(evaluateListing(short, associateHim, { now: NOW }).checks, 'education')!.status).toBe('unmet');
  });

  it('the substitution ratio is tunable', () => {
    const coder = makeProfile({ education: [{ level: 'high_school' }], experience: [{ area: 'coder_outpatient', years: 1 }] });
    const r = evaluateListing(coder, associateHim, { now: NOW, tuning: { yearsPerMissingDegreeLevel: 1 } });
    expect(find(r.checks, 'education')!.status).toBe('met');
  });

  it('"graduate of a CAHIIM-accredited program" is unmet for a non-accredited degree; a field mismatch is partial', () => {
    const cahiim = makeListing('E2', { education: { minLevel: 'associate', fields: ['him', 'hit'], cahiimRequired: true, experienceSubstitutes: false } });
    const nonAccredited = makeProfile({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: false }] });
    expect(find(evaluateListing(nonAccredited, cahiim, { now: NOW }).checks, 'education')!.status).toBe('unmet');
    const fieldOnly = makeListing('E3', { education: { minLevel: 'associate', fields: ['him', 'hit'] } });
    const nurse = makeProfile({ education: [{ level: 'associate', field: 'nursing' }] });
    const r = evaluateListing(nurse, fieldOnly, { now: NOW });
    expect(find(r.checks, 'education')!.status).toBe('partial');
    expect(r.eligibility).toBe('conditional');
  });

  it('a higher degree meets a lower minimum; an unfinished degree does not count as completed', () => {
    const listing = makeListing('E4', { education: { minLevel: 'associate' } });
    expect(evaluateListing(makeProfile({ education: [{ level: 'master' }] }), listing, { now: NOW }).eligibility).toBe('eligible');
    const student = makeProfile({ education: [{ level: 'associate', completed: false, date: '2027-01-01' }] });
    expect(evaluateListing(student, listing, { now: NOW }).eligibility).toBe('ineligible');
  });
});

describe('experience', () => {
  const outpatientSurgical = makeListing('X1', {
    role: 'coder_outpatient', experience: { minYears: 2, specialties: ['outpatient_surgical_coding'] },
  });

  it('inpatient coding years do not meet "2 years of outpatient surgical coding"', () => {
    const inpatient = makeProfile({ experience: [{ area: 'coder_inpatient', years: 6 }] });
    const r = evaluateListing(inpatient, outpatientSurgical, { now: NOW });
    expect(find(r.checks, 'experience')).toMatchObject({ status: 'unmet', detail: '0 of 2 years outpatient surgical coding' });
    expect(r.eligibility).toBe('ineligible');
    const surgical = makeProfile({ experience: [{ area: 'outpatient_surgical_coding', years: 2 }] });
    expect(evaluateListing(surgical, outpatientSurgical, { now: NOW }).summary).toContain('2 of 2 years outpatient surgical coding');
  });

  it('a generic coding requirement is met by any coding specialty', () => {
    const listing = makeListing('X2', { role: 'coder_profee', experience: { minYears: 3, specialties: ['coding'] } });
    const r = evaluateListing(makeProfile({ experience: [{ area: 'coder_inpatient', years: 3 }] }), listing, { now: NOW });
    expect(find(r.checks, 'experience')!.status).toBe('met');
  });

  it('close-but-short years are partial (conditional); far short is unmet', () => {
    const listing = makeListing('X3', { role: 'coder_profee', experience: { minYears: 4, specialties: ['profee coding'] } });
    const close = evaluateListing(makeProfile({ experience: [{ area: 'coder_profee', years: 3 }] }), listing, { now: NOW });
    expect(close.eligibility).toBe('conditional');
    const far = evaluateListing(makeProfile({ experience: [{ area: 'coder_profee', years: 2 }] }), listing, { now: NOW });
    expect(far.eligibility).toBe('ineligible');
  });

  it('with no specialty stated, experience in the role family counts', () => {
    const listing = makeListing('X4', { role: 'roi_specialist', experience: { minYears: 1, specialties: [] } });
    expect(evaluateListing(makeProfile({ experience: [{ area: 'him_clerk', years: 1 }] }), listing, { now: NOW }).eligibility).toBe('eligible');
    expect(evaluateListing(makeProfile({ experience: [{ area: 'coder_profee', years: 5 }] }), listing, { now: NOW }).eligibility).toBe('ineligible');
  });

  it('a generic "coding" total is not added to specific entries', () => {
    const listing = makeListing('X5', { role: 'coder_profee', experience: { minYears: 5, specialties: ['coding'] } });
    const overlapping = makeProfile({ experience: [{ area: 'coding', years: 3 }, { area: 'coder_profee', years: 3 }] });
    expect(find(evaluateListing(overlapping, listing, { now: NOW }).checks, 'experience')!.status).not.toBe('met');
  });
});
