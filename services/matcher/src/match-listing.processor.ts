import { listingSchema } from '@himatch/core';
import type { AlertToRecord, Repositories } from '@himatch/db';
import { evaluateListing, matchListingForAlerts, rankReachable, savedSearchMatches, type ListingWithId, type MatchResult } from '@himatch/matcher';
import type { PayloadOf, Producer } from '@himatch/queue';
import type { Logger } from '@himatch/runtime';
import type { ProfileSet } from './profile-cache.ts';

export interface MatchDeps {
  repos: Repositories;
  producer: Producer;
  logger: Logger;
  profiles: () => Promise<ProfileSet>;
  matchesPerCandidate: number;
}

const explanationOf = (r: MatchResult) => ({ summary: r.summary, checks: r.checks });

function toAlert(candidateId: string, listingId: string, r: MatchResult, savedSearchId: string | null = null): AlertToRecord {
  return { candidateId, listingId, score: r.score, eligibility: r.eligibility, summary: r.summary, savedSearchId };
}

/** Owners of saved searches the listing passes, who are not already alerted and not ineligible. */
function savedSearchAlerts(set: ProfileSet, listing: ListingWithId, alerted: ReadonlySet<string>): AlertToRecord[] {
  const out = new Map<string, AlertToRecord>();
  for (const search of set.searches) {
    if (alerted.has(search.candidateId) || out.has(search.candidateId) || !savedSearchMatches(listing, search.query)) continue;
    const profile = set.byCandidate.get(search.candidateId);
    if (!profile) continue;
    const result = evaluateListing(profile, listing);
    if (result.eligibility !== 'ineligible') out.set(search.candidateId, toAlert(search.candidateId, listing.id, result, search.id));
  }
  return [...out.values()];
}

/**
 * match.listing: a new or changed listing against every saved profile and saved search.
 * Verdicts are computed cheaply; the matches at or above each candidate's alert threshold
 * (and saved-search hits the owner is not ineligible for) are explained, stored and put in
 * the alert outbox, at most once per candidate and listing; each new alert gets a job.
 */
export async function matchListing(deps: MatchDeps, payload: PayloadOf<'match.listing'>): Promise<number> {
  const row = await deps.repos.listings.getById(payload.listingId);
  if (!row || row.status !== 'open') return 0;
  const set = await deps.profiles();
  if (set.profiles.length === 0) return 0;
  const listing = { ...listingSchema.parse(row.data), id: row.id };
  const alerting = matchListingForAlerts(listing, set.index).filter((v) => v.alert && v.result);
  const alerts = alerting.map((v) => toAlert(v.candidateId, row.id, v.result!));
  alerts.push(...savedSearchAlerts(set, listing, new Set(alerting.map((v) => v.candidateId))));
  await deps.repos.matches.upsertMany(alerting.map((v) => ({
    candidateId: v.candidateId, listingId: row.id, score: v.score, eligibility: v.eligibility, explanation: explanationOf(v.result!),
  })));
  const ids = await deps.repos.alertDelivery.record(alerts);
  // Job ids derive from alert ids, so enqueueing again after a crash between the two steps is harmless.
  if (ids.length > 0) {
    await deps.producer.enqueueMany(ids.map((alertId) => ({ name: 'alert.deliver' as const, payload: { alertId } })));
    deps.logger.info({ listingId: row.id, alerts: ids.length }, 'alerts queued');
  }
  return alerting.length;
}

/** match.candidate: recompute one candidate's ranked list over the listings the pre-filter finds plausible. */
export async function matchCandidate(deps: MatchDeps, payload: PayloadOf<'match.candidate'>): Promise<number> {
  const candidate = await deps.repos.candidates.getById(payload.candidateId);
  if (!candidate) return 0;
  const ranked = await rankReachable(candidate.profile, deps.repos.plausibleListings, { limit: deps.matchesPerCandidate });
  await deps.repos.matches.upsertMany(ranked.results.map((result) => ({
    candidateId: candidate.id, listingId: result.listingId, score: result.score, eligibility: result.eligibility, explanation: explanationOf(result),
  })));
  return ranked.results.length;
}
