// The evaluation core. One code path serves both the fast ranking loop (out === null: no
// strings, no check objects) and the explained result (out = the checks array).
import { checkGroup } from './check-credentials.ts';
import { checkMilitary, checkWhoMayApply } from './check-federal.ts';
import { checkLocation, nearestMiles } from './check-place.ts';
import { checkEmploymentType, checkPay, checkWorkMode } from './check-preferences.ts';
import { checkEducation, checkExperience } from './check-qualifications.ts';
import { MET, PARTIAL, UNKNOWN, UNMET, makeContext, severity } from './context.ts';
import type { EvalContext, Status } from './context.ts';
import { prepareListing } from './prepare-listing.ts';
import type { ListingWithId, PreparedListing } from './prepare-listing.ts';
import { prepareProfile } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import { summarize } from './summary.ts';
import type { Check, Eligibility, MatchOptions, MatchResult } from './types.ts';
import type { CandidateProfile } from '@himatch/core';

/** Reusable output of `judge`: 2 eligible, 1 conditional, 0 ineligible; fit in 0..1. */
export interface Verdict { tier: number; fit: number; score: number }

export function newVerdict(): Verdict {
  return { tier: 0, fit: 0, score: 0 };
}

const STATUS_FIT = [1, 0.5, 0, 0.25] as const;
const ELIGIBILITY: readonly Eligibility[] = ['ineligible', 'conditional', 'eligible'];

/** Worst gating severity; with `early` (no explanation wanted) it stops at the first unmet gate. */
function gatingSeverity(p: PreparedProfile, l: PreparedListing, ctx: EvalContext, out: Check[] | null, early: boolean): number {
  let worst = MET as number;
  for (const g of l.required) {
    worst = Math.max(worst, severity(checkGroup(p, g, true, out)));
    if (early && worst === UNMET) return worst;
  }
  const exp = checkExperience(p, l, ctx, out);
  if (exp >= 0) worst = Math.max(worst, severity(exp as Status));
  if (early && worst === UNMET) return worst;
  const edu = checkEducation(p, l, ctx, out);
  if (edu >= 0) worst = Math.max(worst, severity(edu as Status));
  const mil = checkMilitary(p, l, out);
  if (mil >= 0) worst = Math.max(worst, severity(mil as Status));
  const who = checkWhoMayApply(p, l, out);
  if (who >= 0) worst = Math.max(worst, severity(who as Status));
  return worst;
}

/** Role preference: the wanted role 1, another role of a wanted family 0.5, none wanted 0.5. */
export function roleFit(p: PreparedProfile, role: string | null, family: string | null): number {
  if (p.desiredRoles.size === 0) return 0.5;
  if (role !== null && p.desiredRoles.has(role)) return 1;
  return family !== null && p.desiredFamilies.has(family) ? 0.5 : 0;
}

function skillsFit(p: PreparedProfile, l: PreparedListing): number {
  const skills = l.skills;
  if (skills.length === 0) return 0.5;
  let hits = 0;
  for (let i = 0; i < skills.length; i++) if (p.skills.has(skills[i]!)) hits++;
  return hits / skills.length;
}

function distanceFit(p: PreparedProfile, l: PreparedListing, miles: number, location: Status): number {
  if (location !== MET) return STATUS_FIT[location];
  if (l.isRemote) return 1;
  return nearFit(p, miles);
}

/** Distance fit of a site within reach: 1 at home, 0.5 at the radius (and the most beyond it). */
export function nearFit(p: PreparedProfile, miles: number): number {
  return 1 - 0.5 * Math.min(1, miles / Math.max(1, p.radiusMiles));
}

/** Halves every recencyHalfLifeDays; an undated listing counts as unknown. */
export function recencyFit(postedMs: number, ctx: EvalContext): number {
  if (Number.isNaN(postedMs)) return STATUS_FIT[UNKNOWN];
  const ageDays = Math.max(0, (ctx.nowMs - postedMs) / 86_400_000);
  return Math.pow(0.5, ageDays / ctx.tuning.recencyHalfLifeDays);
}

function preferredFit(p: PreparedProfile, l: PreparedListing, out: Check[] | null): number {
  if (l.preferred.length === 0) return 1;
  let sum = 0;
  for (const g of l.preferred) {
    const s = checkGroup(p, g, false, out);
    sum += s === MET ? 1 : s === PARTIAL ? 0.5 : 0;
  }
  return sum / l.preferred.length;
}

/** Evaluate one prepared listing; fills `v` and, when given, `out` with explained checks. */
export function judge(p: PreparedProfile, l: PreparedListing, ctx: EvalContext, out: Check[] | null, v: Verdict, stopWhenIneligible = false): void {
  const miles = l.isRemote ? NaN : nearestMiles(p, l);
  const locStatus = checkLocation(p, l, miles, out);
  const early = stopWhenIneligible && out === null;
  const worst = early && locStatus === UNMET ? UNMET : Math.max(gatingSeverity(p, l, ctx, out, early), severity(locStatus));
  if (stopWhenIneligible && worst === UNMET) {
    // Reverse matching drops ineligible pairs, so their fit (half the work) is never needed.
    v.tier = 0;
    v.fit = 0;
    v.score = 0;
    return;
  }
  const w = ctx.weights;
  const fit = w.role * roleFit(p, l.role, l.family)
    + w.skills * skillsFit(p, l)
    + w.distance * distanceFit(p, l, miles, locStatus)
    + w.recency * recencyFit(l.postedMs, ctx)
    + w.preferredCredentials * preferredFit(p, l, out)
    + w.pay * STATUS_FIT[checkPay(p, l, out)]
    + w.employmentType * STATUS_FIT[checkEmploymentType(p, l, out)]
    + w.workMode * STATUS_FIT[checkWorkMode(p, l, out)];
  v.tier = 2 - worst;
  v.fit = Math.min(1, Math.max(0, fit));
  v.score = (v.tier + v.fit) / 3;
}

export function eligibilityOf(tier: number): Eligibility {
  return ELIGIBILITY[tier]!;
}

/** The explained result for one prepared pair. */
export function explain(p: PreparedProfile, l: PreparedListing, ctx: EvalContext): MatchResult {
  const checks: Check[] = [];
  const v = newVerdict();
  judge(p, l, ctx, checks, v);
  const eligibility = eligibilityOf(v.tier);
  return { listingId: l.id, score: v.score, eligibility, checks: orderChecks(checks), summary: summarize(eligibility, checks) };
}

const KIND_ORDER = ['credential', 'education', 'experience', 'military', 'who_may_apply', 'location', 'pay', 'employment_type', 'work_mode'];

function orderChecks(checks: Check[]): Check[] {
  // Stable sort: required groups before preferred ones within the credential kind.
  return checks.sort((a, b) => KIND_ORDER.indexOf(a.requirement) - KIND_ORDER.indexOf(b.requirement)
    || Number(b.required) - Number(a.required));
}

export function evaluateListing(profile: CandidateProfile, listing: ListingWithId, opts: MatchOptions = {}): MatchResult {
  const ctx = makeContext(opts);
  return explain(prepareProfile(profile, opts), prepareListing(listing), ctx);
}
