import { describe, expect, it } from 'vitest';
import { evaluateListing } from './evaluate.ts';
import { NOW, group, makeListing, makeProfile } from './fixtures.test-support.ts';
import type { Check } from './types.ts';

const credentialChecks = (checks: Check[]) => checks.filter((c) => c.requirement === 'credential');

function requiring(evidence: string, anyOf: string[], extra = {}) {
  return makeListing('L1', { credentials: { required: [group(evidence, anyOf, extra)], preferred: [] } });
}

describe('credential groups', () => {
  it('RHIA satisfies "RHIT required"', () => {
    const r = evaluateListing(makeProfile({ credentials: [{ id: 'RHIA' }] }), requiring('RHIT required', ['RHIT']), { now: NOW });
    const [check] = credentialChecks(r.checks);
    expect(check).toMatchObject({ status: 'met', evidence: 'RHIT required', required: true });
    expect(check!.detail).toContain('RHIA meets');
    expect(r.eligibility).toBe('eligible');
  });

  it('exact match meets an OR-set and quotes the posting', () => {
    const r = evaluateListing(makeProfile({ credentials: [{ id: 'RHIT' }] }), requiring('RHIT or RHIA required', ['RHIT', 'RHIA']), { now: NOW });
    expect(r.summary).toContain("RHIT meets 'RHIT or RHIA required'");
  });

  it('CPC-A is partial for "CPC required" (conditional), but met for "CPC or CPC-A"', () => {
    const apprentice = makeProfile({ credentials: [{ id: 'CPC-A' }] });
    const strict = evaluateListing(apprentice, requiring('Current CPC certification required', ['CPC']), { now: NOW });
    expect(credentialChecks(strict.checks)[0]!.status).toBe('partial');
    expect(strict.eligibility).toBe('conditional');
    const open = evaluateListing(apprentice, requiring('CPC or CPC-A required', ['CPC', 'CPC-A']), { now: NOW });
    expect(credentialChecks(open.checks)[0]!.status).toBe('met');
    expect(open.eligibility).toBe('eligible');
  });

  it('ODS-C meets a group the normalizer derived from "CTR"', () => {
    const r = evaluateListing(makeProfile({ credentials: [{ id: 'ODS-C' }] }),
      requiring('Certified Tumor Registrar (CTR) required', ['CTR']), { now: NOW });
    expect(credentialChecks(r.checks)[0]!.status).toBe('met');
  });

  it.each([
    ['CCS-P', 'CPC'], ['CIC', 'CCS'], ['CCS', 'COC'], ['CPC', 'COC'], ['CDIP', 'CCDS'], ['CCDS', 'CDIP'],
    ['CCS', 'CCA'], ['CCS-P', 'CCA'], ['CIC', 'CCA'], ['COC', 'CCA'], ['CPC', 'CCA'],
  ])('%s satisfies a posting asking for %s', (held, asked) => {
    const r = evaluateListing(makeProfile({ credentials: [{ id: held as 'CCS' }] }), requiring(`${asked} required`, [asked]), { now: NOW });
    expect(credentialChecks(r.checks)[0]!.status).toBe('met');
  });

  it.each([
    ['CPB', 'CPC'], ['CRC', 'CPC'], ['CHTS', 'CCS'], ['CPHIMS', 'CCA'], ['RN', 'CCDS'], ['CPC-A', 'CCA'], ['RHIT', 'RHIA'],
  ])('%s does not satisfy %s (no inference)', (held, asked) => {
    const r = evaluateListing(makeProfile({ credentials: [{ id: held as 'CPB' }] }), requiring(`${asked} required`, [asked]), { now: NOW });
    expect(credentialChecks(r.checks)[0]!.status).toBe('unmet');
    expect(r.eligibility).toBe('ineligible');
  });

  it('"AHIMA or AAPC coding credential" (CODING_FAMILY) is met by CRC but not by CPB', () => {
    const listing = requiring('AHIMA or AAPC coding credential required', ['CODING_FAMILY']);
    expect(evaluateListing(makeProfile({ credentials: [{ id: 'CRC' }] }), listing, { now: NOW }).eligibility).toBe('eligible');
    expect(evaluateListing(makeProfile({ credentials: [{ id: 'CPB' }] }), listing, { now: NOW }).eligibility).toBe('ineligible');
  });
});

describe('eligible and within-N-months clauses', () => {
  const rhitEligible = () => requiring('RHIT or RHIT-eligible required', ['RHIT'], { eligibleAccepted: true });

  it('a CAHIIM AAS HIT graduate meets "RHIT-eligible"', () => {
    const grad = makeProfile({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: true, date: '2026-05-15' }] });
    const r = evaluateListing(grad, rhitEligible(), { now: NOW });
    expect(credentialChecks(r.checks)[0]).toMatchObject({ status: 'met' });
    expect(credentialChecks(r.checks)[0]!.detail).toContain('RHIT-eligible by CAHIIM');
  });

  it('a final-term CAHIIM student is RHIT-eligible, a student two years out is not', () => {
    const finalTerm = makeProfile({ education: [{ level: 'associate', field: 'him', cahiimAccredited: true, date: '2027-03-01', completed: false }] });
    expect(evaluateListing(finalTerm, rhitEligible(), { now: NOW }).eligibility).toBe('eligible');
    const early = makeProfile({ education: [{ level: 'associate', field: 'him', cahiimAccredited: true, date: '2028-12-01', completed: false }] });
    expect(evaluateListing(early, rhitEligible(), { now: NOW }).eligibility).toBe('ineligible');
  });

  it('a non-CAHIIM AAS graduate does not meet "RHIT-eligible"', () => {
    const grad = makeProfile({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: false }] });
    expect(credentialChecks(evaluateListing(grad, rhitEligible(), { now: NOW }).checks)[0]!.status).toBe('unmet');
  });

  it('eligible without an eligible clause does not meet "RHIT required"', () => {
    const grad = makeProfile({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: true }] });
    const r = evaluateListing(grad, requiring('RHIT required', ['RHIT']), { now: NOW });
    expect(credentialChecks(r.checks)[0]!.detail).toContain('asks for the credential itself');
    expect(r.eligibility).toBe('ineligible');
  });

  it('in-progress CCS with "CCS within 6 months of hire" is conditional', () => {
    const listing = requiring('Must obtain CCS within 6 months of hire', ['CCS'], { withinMonths: 6 });
    const r = evaluateListing(makeProfile({ credentials: [{ id: 'CCS', status: 'in_progress' }] }), listing, { now: NOW });
    expect(credentialChecks(r.checks)[0]!.detail).toContain('must earn CCS within 6 months of hire');
    expect(r.eligibility).toBe('conditional');
    expect(evaluateListing(makeProfile(), listing, { now: NOW }).eligibility).toBe('ineligible');
  });

  it('a missing preferred credential lowers the score but does not gate', () => {
    const listing = makeListing('P', { credentials: { required: [], preferred: [group('RHIT preferred', ['RHIT'])] } });
    const without = evaluateListing(makeProfile(), listing, { now: NOW });
    const withIt = evaluateListing(makeProfile({ credentials: [{ id: 'RHIT' }] }), listing, { now: NOW });
    expect(without.eligibility).toBe('eligible');
    expect(credentialChecks(without.checks)[0]).toMatchObject({ status: 'unmet', required: false });
    expect(withIt.score).toBeGreaterThan(without.score);
  });
});
