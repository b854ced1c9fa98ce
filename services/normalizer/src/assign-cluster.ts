import type { Listing } from '@himatch/core';
import type { Repositories } from '@himatch/db';
import { areSameJob, duplicateKeys } from '@himatch/normalizer';

/**
 * Puts a listing in the cluster of its job: stable ids first (requisition id + employer,
 * apply URL, the source's own id), then near-duplicate text, via the normalizer's keys and
 * its same-job test against each candidate cluster's canonical listing. A staffing-agency copy
 * or a repost gets a cluster of its own. Returns the cluster id.
 */
export async function assignCluster(
  repos: Repositories, listingId: string, listing: Listing, source: { sourceKind: string; externalId: string },
): Promise<string> {
  const keys = duplicateKeys(listing, { ...source, requisitionId: listing.requisitionId });
  const candidates = await repos.clusterKeys.candidates(keys);
  const home =
    candidates.find((c) => c.canonicalListingId === listingId) ??
    candidates.find((c) => c.canonical !== null && areSameJob(listing, c.canonical).same);
  const clusterId = home ? home.clusterId : (await repos.clusterKeys.create(listing.fingerprint, listing.applyUrls, listingId)).id;
  if (home) await repos.clusterKeys.mergeApplyUrls(clusterId, listing.applyUrls);
  await repos.clusters.attachListing(listingId, clusterId);
  await repos.clusterKeys.addKeys(clusterId, keys);
  return clusterId;
}
