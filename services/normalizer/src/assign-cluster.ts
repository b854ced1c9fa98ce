import type { Listing } from '@himatch/core';
import { settleListing, type Repositories } from '@himatch/db';
import type { Kysely } from 'kysely';
import type { DB } from '@himatch/db';
import { areSameJob, duplicateKeys } from '@himatch/normalizer';

/**
 * Puts a listing in the cluster of its job: stable ids first (requisition id + employer,
 * apply URL, the source's own id), then near-duplicate text, via the normalizer's keys and
 * its same-job test against each candidate cluster's canonical listing. A staffing-agency copy
 * or a repost gets a cluster of its own. The same statement that attaches the listing marks
 * its raw posting normalized (when given). Returns the cluster id.
 */
export async function assignCluster(
  db: Kysely<DB>, repos: Repositories, listingId: string, listing: Listing,
  source: { sourceKind: string; externalId: string; rawPostingId?: string | null },
): Promise<string> {
  const keys = duplicateKeys(listing, { sourceKind: source.sourceKind, externalId: source.externalId, requisitionId: listing.requisitionId });
  const candidates = await repos.clusterKeys.candidates(keys);
  const home =
    candidates.find((c) => c.canonicalListingId === listingId) ??
    candidates.find((c) => c.canonical !== null && areSameJob(listing, c.canonical).same);
  const clusterId = home ? home.clusterId : (await repos.clusterKeys.create(listing.fingerprint, listing.applyUrls, listingId)).id;
  await settleListing(db, { listingId, clusterId, keys, mergeApplyUrls: home ? listing.applyUrls : [], rawPostingId: source.rawPostingId ?? null });
  return clusterId;
}
