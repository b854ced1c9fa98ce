import { contentHash, rawPostingSchema, ValidationError, type Listing } from '@himatch/core';
import { normalizePosting } from '@himatch/normalizer';
import { loadPostingsToNormalize, rejectPosting, type DB, type PostingToNormalize, type Repositories } from '@himatch/db';
import type { Kysely } from 'kysely';
import { placeListing } from './place-listing.ts';
import type { HandlerContext, PayloadOf, Producer } from '@himatch/queue';
import type { Logger } from '@himatch/runtime';

export interface NormalizeDeps {
  db: Kysely<DB>;
  repos: Repositories;
  producer: Producer;
  logger: Logger;
}

export type NormalizeOutcome = 'stale' | 'failed' | 'rejected' | 'new' | 'changed' | 'unchanged';
type Payload = PayloadOf<'posting.normalize'>;
type MatchOwed = { listingId: string; contentHash: string };

/**
 * posting.normalize: each RawPosting of the job -> Listing, the postings read in one statement.
 * A posting that is not HIT is kept as a raw row with status `rejected` and the normalizer's
 * reasons; one that cannot be read is `failed` with the error. New or changed listings go on to
 * reverse matching, enqueued together once the job's postings are placed, and also when the job
 * stops on a transient error, so a retry (which finds them unchanged) loses none of them. A
 * retry also sends its unchanged listings on: the earlier attempt may have died before it could.
 */
export async function normalizeBatch(deps: NormalizeDeps, payload: Payload, ctx: Pick<HandlerContext, 'attemptsMade'>): Promise<NormalizeOutcome[]> {
  const loaded = await loadPostingsToNormalize(deps.db, payload.postings.map((p) => p.rawPostingId));
  const owed: MatchOwed[] = [];
  const outcomes: NormalizeOutcome[] = [];
  try {
    for (const posting of payload.postings) {
      const found = loaded.get(posting.rawPostingId);
      // A newer version of the posting arrived after this job was queued: its own job handles it.
      if (!found || found.raw.contentHash !== posting.contentHash) {
        outcomes.push('stale');
        continue;
      }
      const result = await normalizeLoaded(deps, found, payload.runId);
      outcomes.push(result.outcome);
      if (result.match && (result.outcome !== 'unchanged' || ctx.attemptsMade > 0)) owed.push(result.match);
    }
  } finally {
    await deps.producer.enqueueMany(owed.map((m) => ({ name: 'match.listing' as const, payload: m })));
  }
  return outcomes;
}

async function normalizeLoaded(deps: NormalizeDeps, loaded: PostingToNormalize, runId: string | null): Promise<{ outcome: NormalizeOutcome; match?: MatchOwed }> {
  const { raw, sourceKind, listingId } = loaded;
  let listing: Listing;
  try {
    listing = normalizePosting(rawPostingSchema.parse(raw.payload), { sourceKind: sourceKind ?? undefined });
  } catch (error) {
    // Parsing and normalizing are pure: whatever they throw, a retry throws again. The posting
    // fails alone with the reason (a bug's too, logged) and the job's other postings go on.
    const invalid = error instanceof ValidationError || (error instanceof Error && error.name === 'ZodError');
    const reason = error instanceof Error ? error.message : String(error);
    if (!invalid) deps.logger.error({ rawPostingId: raw.id, reason }, 'normalizer threw');
    await deps.repos.rawPostings.setStatus(raw.id, 'failed', (invalid ? reason : `normalizer error: ${reason}`).slice(0, 1000));
    return { outcome: 'failed' };
  }
  if (!listing.isHit) {
    await rejectPosting(deps.db, raw, listing.relevanceReasons.join('; ').slice(0, 1000) || 'not a HIT posting');
    return { outcome: 'rejected' };
  }
  const hash = contentHash(listing);
  // Seen again after its closing date: stored, but not open for applications.
  const expired = listing.closesAt !== null && Date.parse(listing.closesAt) < Date.now();
  const { listingId: id, outcome } = await placeListing(deps.db, deps.repos, listing, {
    listingId, sourceId: raw.sourceId, sourceKind: sourceKind ?? 'unknown', externalId: raw.externalId, rawPostingId: raw.id,
    contentHash: hash, runId, expired,
  });
  return { outcome, match: { listingId: id, contentHash: hash } };
}
