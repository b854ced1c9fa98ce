import { listingSchema } from '@himatch/core';
import type { Repositories } from '@himatch/db';
import { matchListingAgainstProfiles, rankListings } from '@himatch/matcher';
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

/**
 * match.listing: a new or changed listing against every saved profile. Matches are stored;
 * those at or above the candidate's threshold go to the alert outbox, at most once per
 * candidate and listing.
 */
export async function matchListing(deps: MatchDeps, payload: PayloadOf<'match.listing'>): Promise<number> {
  const row = await deps.repos.listings.getById(payload.listingId);
  if (!row || row.status !== 'open') return 0;
  const set = await deps.profiles();
  if (set.profiles.length === 0) return 0;
  const listing = { ...listingSchema.parse(row.data), id: row.id };
  const results = matchListingAgainstProfiles(listing, set.profiles, { index: set.index });
  await deps.repos.matches.upsertMany(results.map(({ candidateId, result }) => ({
    candidateId, listingId: row.id, score: result.score, eligibility: result.eligibility, explanation: { summary: result.summary, checks: result.checks },
  })));
  const thresholds = new Map(set.profiles.map((p) => [p.candidateId, p.profile.alertThreshold]));
  const alerts = results
    .filter(({ candidateId, result }) => result.eligibility !== 'ineligible' && result.score >= (thresholds.get(candidateId) ?? 1))
    .map(({ candidateId, result }) => ({ candidateId, listingId: row.id, score: result.score }));
  const added = await deps.repos.alerts.enqueue(alerts);
  if (added > 0) deps.logger.info({ listingId: row.id, alerts: added }, 'alerts queued');
  return results.length;
}

/** match.candidate: recompute one candidate's ranked list over the open listings. */
export async function matchCandidate(deps: MatchDeps, payload: PayloadOf<'match.candidate'>, loadListings: () => Promise<Parameters<typeof rankListings>[1]>): Promise<number> {
  const candidate = await deps.repos.candidates.getById(payload.candidateId);
  if (!candidate) return 0;
  const ranked = rankListings(candidate.profile, await loadListings(), { limit: deps.matchesPerCandidate });
  await deps.repos.matches.upsertMany(ranked.results.map((result) => ({
    candidateId: candidate.id, listingId: result.listingId, score: result.score, eligibility: result.eligibility,
    explanation: { summary: result.summary, checks: result.checks },
  })));
  return ranked.results.length;
}
