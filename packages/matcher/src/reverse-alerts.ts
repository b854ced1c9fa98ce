// Reverse matching for alerts: a new listing against a profile index, where most of the
// pre-filtered profiles end up ineligible or below their alert threshold. Verdicts are
// computed on the allocation-free path (stopping at the first unmet gate); only the pairs
// that alert are explained, so the cost of strings and check objects is paid for the few.
import { makeContext } from './context.ts';
import { eligibilityOf, explain, judge, newVerdict } from './evaluate.ts';
import { prepareListing } from './prepare-listing.ts';
import type { ListingWithId } from './prepare-listing.ts';
import { candidatesForListing } from './reverse.ts';
import type { ProfileIndex } from './reverse.ts';
import type { Eligibility, MatchOptions, MatchResult } from './types.ts';

export interface ReverseVerdict {
  candidateId: string;
  score: number;
  eligibility: Eligibility;
  /** Not ineligible and at or above the profile's alertThreshold. */
  alert: boolean;
  /** The explained result; built only for alerting verdicts (and only when `explain` is not false). */
  result: MatchResult | null;
}

export interface AlertMatchOptions extends MatchOptions {
  /** Build the explanation of alerting verdicts (default true). */
  explain?: boolean;
}

/**
 * Every non-ineligible verdict for `listing` among the index's profiles, best first (ties by
 * candidate id). Scores and eligibilities equal `matchListingAgainstProfiles`.
 */
export function matchListingForAlerts(listing: ListingWithId, index: ProfileIndex, opts: AlertMatchOptions = {}): ReverseVerdict[] {
  const ctx = makeContext(opts);
  const prepared = prepareListing(listing);
  const v = newVerdict();
  const out: ReverseVerdict[] = [];
  for (const entry of candidatesForListing(index, listing)) {
    judge(entry.prepared, prepared, ctx, null, v, true);
    if (v.tier === 0) continue;
    const alert = v.score >= entry.prepared.alertThreshold;
    const result = alert && opts.explain !== false ? explain(entry.prepared, prepared, ctx) : null;
    out.push({ candidateId: entry.candidateId, score: v.score, eligibility: eligibilityOf(v.tier), alert, result });
  }
  return out.sort((a, b) => b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
}
