import { describe, expect, it } from 'vitest';
import { evaluateListing } from './evaluate.ts';
import { CHARLOTTE, NOW, RALEIGH, hourly, makeListing, makeProfile } from './fixtures.test-support.ts';
import type { Check, CheckKind } from './types.ts';

const find = (checks: Check[], kind: CheckKind) => checks.find((c) => c.requirement === kind);
const federal = (over: Record<string, unknown> = {}) => ({
  series: ['0675'], payPlan: 'GS', gradeLow: 5, gradeHigh: 7, title32: false, militaryMembershipRequired: false, whoMayApply: ['public'], ...over,
});

describe('who may apply', () => {
  const internal = makeListing('F1', { setting: 'federal', federal: federal({ whoMayApply: ['federal_employees', 'status_candidates'] }) as never });

  it('a posting open only to current federal employees is unmet for a non-federal candidate', () => {
    const r = evaluateListing(makeProfile(), internal, { now: NOW });
    expect(find(r.checks, 'who_may_apply')!.status).toBe('unmet');
    expect(r.eligibility).toBe('ineligible');
    expect(evaluateListing(makeProfile({ federalEmployee: true }), internal, { now: NOW }).eligibility).toBe('eligible');
  });

  it('veterans-only needs a veteran; public is met', () => {
    const vets = makeListing('F2', { federal: federal({ whoMayApply: ['veterans'] }) as never });
    expect(evaluateListing(makeProfile(), vets, { now: NOW }).eligibility).toBe('ineligible');
    expect(evaluateListing(makeProfile({ veteran: true }), vets, { now: NOW }).eligibility).toBe('eligible');
    const open = makeListing('F3', { federal: federal() as never });
    expect(find(evaluateListing(makeProfile(), open, { now: NOW }).checks, 'who_may_apply')!.status).toBe('met');
  });
});

describe('military membership (Title 32)', () => {
  const text = 'This is an excepted service position that requires membership in a compatible military assignment in the employing state\'s National Guard.';
  const ang = makeListing('M1', {
    role: 'mil_health_admin_tech', title: 'Health Systems Technician (Title 32)', employer: 'North Carolina Air National Guard',
    descriptionText: text, federal: federal({ title32: true, militaryMembershipRequired: true, whoMayApply: ['guard_members'] }) as never,
  });

  it('ANG membership meets an Air National Guard posting; Army Guard and civilians do not', () => {
    const airman = makeProfile({ military: { member: true, branch: 'air_national_guard' } });
    expect(find(evaluateListing(airman, ang, { now: NOW }).checks, 'military')!.status).toBe('met');
    const soldier = makeProfile({ military: { member: true, branch: 'army_national_guard' } });
    expect(find(evaluateListing(soldier, ang, { now: NOW }).checks, 'military')!.status).toBe('unmet');
    expect(evaluateListing(makeProfile({ veteran: true }), ang, { now: NOW }).eligibility).toBe('ineligible');
  });

  it('when the posting does not say which component, any Guard membership is partial', () => {
    const unnamed = makeListing('M2', { descriptionText: text, federal: federal({ title32: true, militaryMembershipRequired: true }) as never });
    const soldier = makeProfile({ military: { member: true, branch: 'army_national_guard' } });
    const r = evaluateListing(soldier, unnamed, { now: NOW });
    expect(find(r.checks, 'military')!.status).toBe('partial');
    expect(r.eligibility).toBe('conditional');
  });
});

describe('location and remote', () => {
  it('distance to the nearest location, within the radius', () => {
    const r = evaluateListing(makeProfile({ radiusMiles: 30 }), makeListing('P1', { locations: [CHARLOTTE, RALEIGH] }), { now: NOW });
    const check = find(r.checks, 'location')!;
    expect(check.status).toBe('met');
    expect(check.detail).toMatch(/^2\d mi away$/);
    const far = evaluateListing(makeProfile({ radiusMiles: 30 }), makeListing('P2', { locations: [CHARLOTTE] }), { now: NOW });
    expect(far.eligibility).toBe('ineligible');
  });

  it('a remote posting restricted to some states is unmet outside them', () => {
    const listing = makeListing('P3', { workMode: 'remote', locations: [], remoteEligibleRegions: ['TX', 'FL'] });
    expect(find(evaluateListing(makeProfile(), listing, { now: NOW }).checks, 'location')!.status).toBe('unmet');
    const texan = makeProfile({ home: { region: 'TX', lat: 30.27, lon: -97.74 } });
    expect(evaluateListing(texan, listing, { now: NOW }).eligibility).toBe('eligible');
    const anywhere = makeListing('P4', { workMode: 'remote', locations: [], remoteEligibleRegions: [] });
    expect(evaluateListing(makeProfile(), anywhere, { now: NOW }).eligibility).toBe('eligible');
  });

  it('a remote posting that cannot hire in the home state is unmet there, and says why', () => {
    const listing = makeListing('P7', { workMode: 'remote', locations: [], remoteEligibleRegions: [], remoteExcludedRegions: ['CA', 'NC'] });
    const r = evaluateListing(makeProfile(), listing, { now: NOW });
    expect(find(r.checks, 'location')).toMatchObject({ status: 'unmet', evidence: 'Remote (not CA, NC)', detail: 'remote, but not open to residents of NC' });
    expect(r.eligibility).toBe('ineligible');
    const texan = makeProfile({ home: { region: 'TX', lat: 30.27, lon: -97.74 } });
    expect(evaluateListing(texan, listing, { now: NOW }).eligibility).toBe('eligible');
    // Without a home state nothing shows the candidate may be hired: unknown, not met.
    const nowhere = makeProfile({ home: null });
    expect(find(evaluateListing(nowhere, listing, { now: NOW }).checks, 'location')!.status).toBe('unknown');
    // Listings stored before exclusions were read have no such field: open as before.
    const older = makeListing('P8', { workMode: 'remote', locations: [], remoteEligibleRegions: [] });
    delete (older as { remoteExcludedRegions?: string[] }).remoteExcludedRegions;
    expect(evaluateListing(makeProfile(), older, { now: NOW }).eligibility).toBe('eligible');
  });

  it('unknown coordinates are unknown, not met', () => {
    const listing = makeListing('P5', { locations: [{ city: 'Durham', region: 'NC', postalCode: null, country: 'US', lat: null, lon: null }] });
    const r = evaluateListing(makeProfile(), listing, { now: NOW });
    expect(find(r.checks, 'location')!.status).toBe('unknown');
    const located = evaluateListing(makeProfile(), makeListing('P6'), { now: NOW });
    expect(located.score).toBeGreaterThan(r.score);
  });
});

describe('preferences lower the score but never gate', () => {
  it('pay below the floor, wrong employment type and work mode', () => {
    const profile = makeProfile({ payFloor: { amount: 25, period: 'hour' }, employmentTypes: ['full_time'], workModes: ['remote', 'hybrid'] });
    const good = makeListing('Q1', { salary: hourly(26, 30), workMode: 'hybrid' });
    const poor = makeListing('Q2', { salary: hourly(18, 20), employmentType: 'per_diem', workMode: 'onsite' });
    const a = evaluateListing(profile, good, { now: NOW });
    const b = evaluateListing(profile, poor, { now: NOW });
    expect(b.eligibility).toBe('eligible');
    expect(b.checks.filter((c) => !c.required).map((c) => c.status)).toEqual(['unmet', 'unmet', 'unmet']);
    expect(a.checks.filter((c) => !c.required).map((c) => c.status)).toEqual(['met', 'met', 'met']);
    expect(a.score).toBeGreaterThan(b.score);
  });
});
