// Gap analysis: which single credential or degree would open the most additional listings
// in the candidate's area. Requirements that a step cannot change (place, years, military,
// hiring paths) are judged once; each step only re-judges credential groups and education.
import type { CandidateProfile } from '@himatch/core';
import { checkGroup } from './check-credentials.ts';
import { checkMilitary, checkWhoMayApply } from './check-federal.ts';
import { checkLocation, nearestMiles } from './check-place.ts';
import { checkEducation, checkExperience } from './check-qualifications.ts';
import { MET, UNKNOWN, UNMET, makeContext, severity } from './context.ts';
import type { EvalContext, Status } from './context.ts';
import { prepareListing } from './prepare-listing.ts';
import type { ListingWithId, PreparedListing } from './prepare-listing.ts';
import { prepareProfile } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import { GAP_STEPS } from './gap-steps.ts';
import type { MatchOptions } from './types.ts';

export interface GapResult {
  step: string;
  kind: 'credential' | 'degree';
  additionalEligible: number;
  additionalConditional: number;
  medianAnnualPayBefore: number | null;
  medianAnnualPayAfter: number | null;
  exampleListingIds: string[];
}

export interface GapOptions extends MatchOptions {
  /** How many newly eligible listing ids to show per step. */
  examples?: number;
}

function fold(worst: number, status: Status | -1): number {
  return status < 0 ? worst : Math.max(worst, severity(status as Status));
}

/** Listings the candidate would consider: in reach, in a wanted mode, role and employment type. */
function inArea(p: PreparedProfile, l: PreparedListing): boolean {
  const profile = p.profile;
  const mode = l.listing.workMode;
  if (mode !== 'unknown' && !profile.workModes.includes(mode)) return false;
  if (p.desiredRoles.size > 0 && (l.listing.role === null || !p.desiredRoles.has(l.listing.role))) return false;
  const type = l.listing.employmentType;
  if (profile.employmentTypes.length > 0 && type !== 'unknown' && !profile.employmentTypes.includes(type)) return false;
  const miles = l.isRemote ? NaN : nearestMiles(p, l);
  const place = checkLocation(p, l, miles, null);
  if (place === UNKNOWN) return !l.isRemote && p.region !== null && l.regions.has(p.region);
  return place === MET;
}

/** Severity of the requirements no step changes: experience, military, who may apply. */
function fixedSeverity(p: PreparedProfile, l: PreparedListing, ctx: EvalContext): number {
  let worst = fold(MET, checkExperience(p, l, ctx, null));
  worst = fold(worst, checkMilitary(p, l, null));
  return fold(worst, checkWhoMayApply(p, l, null));
}

function stepSeverity(p: PreparedProfile, l: PreparedListing, ctx: EvalContext, fixed: number): number {
  let worst = fold(fixed, checkEducation(p, l, ctx, null));
  for (const g of l.required) worst = Math.max(worst, severity(checkGroup(p, g, true, null)));
  return worst;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function annualMid(l: PreparedListing): number {
  return (l.annualMin + l.annualMax) / 2;
}

function payOfEligible(area: readonly PreparedListing[], tiers: Uint8Array): number | null {
  const pay: number[] = [];
  for (let i = 0; i < area.length; i++) {
    if (tiers[i] === 2 && !Number.isNaN(area[i]!.annualMax)) pay.push(annualMid(area[i]!));
  }
  return median(pay);
}

export function gapAnalysis(profile: CandidateProfile, listings: readonly ListingWithId[], opts: GapOptions = {}): GapResult[] {
  const ctx = makeContext(opts);
  const base = prepareProfile(profile, opts);
  // Newest first (undated last, ties by id): the examples are the newest listings a step opens,
  // whatever order the listings came in.
  const area = listings.map(prepareListing).filter((l) => inArea(base, l))
    .sort((a, b) => (Number.isNaN(b.postedMs) ? -Infinity : b.postedMs) - (Number.isNaN(a.postedMs) ? -Infinity : a.postedMs) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fixed = Uint8Array.from(area, (l) => fixedSeverity(base, l, ctx));
  const before = Uint8Array.from(area, (l, i) => 2 - stepSeverity(base, l, ctx, fixed[i]!));
  const payBefore = payOfEligible(area, before);
  const results: GapResult[] = [];
  for (const step of GAP_STEPS) {
    const changed = step.apply(base, ctx);
    if (!changed) continue;
    const p = prepareProfile(changed.profile, opts);
    const after = new Uint8Array(area.length);
    const examples: string[] = [];
    let additionalEligible = 0;
    let additionalConditional = 0;
    for (let i = 0; i < area.length; i++) {
      // A listing blocked by something no step changes stays where it was.
      after[i] = fixed[i] === UNMET || before[i] === 2 ? before[i]! : 2 - stepSeverity(p, area[i]!, ctx, fixed[i]!);
      if (after[i] === 2 && before[i]! < 2) {
        additionalEligible++;
        if (examples.length < (opts.examples ?? 5)) examples.push(area[i]!.id);
      } else if (after[i] === 1 && before[i] === 0) additionalConditional++;
    }
    results.push({
      step: changed.label, kind: step.kind, additionalEligible, additionalConditional,
      medianAnnualPayBefore: payBefore, medianAnnualPayAfter: payOfEligible(area, after), exampleListingIds: examples,
    });
  }
  return results.sort((a, b) => b.additionalEligible - a.additionalEligible || b.additionalConditional - a.additionalConditional);
}
