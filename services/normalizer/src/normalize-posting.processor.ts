import { contentHash, rawPostingSchema, ValidationError, type Listing } from '@himatch/core';
import { normalizePosting } from '@himatch/normalizer';
import { loadPostingToNormalize, rejectPosting, type DB, type Repositories } from '@himatch/db';
import type { Kysely } from 'kysely';
import { placeListing } from './place-listing.ts';
import type { PayloadOf, Producer } from '@himatch/queue';
import type { Logger } from '@himatch/runtime';

export interface NormalizeDeps {
  db: Kysely<DB>;
  repos: Repositories;
  producer: Producer;
  logger: Logger;
}

export type NormalizeOutcome = 'stale' | 'failed' | 'rejected' | 'new' | 'changed' | 'unchanged';

/**
 * posting.normalize: RawPosting -> Listing. A posting that is not HIT is kept as a raw row
 * with status `rejected` and the normalizer's reasons; one that cannot be read is `failed`
 * with the error. New or changed listings go on to reverse matching.
 */
export async function normalizeOne(deps: NormalizeDeps, payload: PayloadOf<'posting.normalize'>): Promise<NormalizeOutcome> {
  const loaded = await loadPostingToNormalize(deps.db, payload.rawPostingId);
  // A newer version of the posting arrived after this job was queued: its own job handles it.
  if (!loaded || loaded.raw.contentHash !== payload.contentHash) return 'stale';
  const { raw, sourceKind, listingId } = loaded;
  let listing: Listing;
  try {
    listing = normalizePosting(rawPostingSchema.parse(raw.payload), { sourceKind: sourceKind ?? undefined });
  } catch (error) {
    if (!(error instanceof ValidationError) && !(error instanceof Error && error.name === 'ZodError')) throw error;
    await deps.repos.rawPostings.setStatus(raw.id, 'failed', error.message.slice(0, 1000));
    return 'failed';
  }
  if (!listing.isHit) {
    await rejectPosting(deps.db, raw, listing.relevanceReasons.join('; ').slice(0, 1000) || 'not a HIT posting');
    return 'rejected';
  }
  const hash = contentHash(listing);
  // Seen again after its closing date: stored, but not open for applications.
  const expired = listing.closesAt !== null && Date.parse(listing.closesAt) < Date.now();
  const { listingId: id, outcome } = await placeListing(deps.db, deps.repos, listing, {
    listingId, sourceId: raw.sourceId, sourceKind: sourceKind ?? 'unknown', externalId: raw.externalId, rawPostingId: raw.id,
    contentHash: hash, runId: payload.runId, expired,
  });
  if (outcome !== 'unchanged') await deps.producer.enqueue('match.listing', { listingId: id, contentHash: hash });
  return outcome;
}
