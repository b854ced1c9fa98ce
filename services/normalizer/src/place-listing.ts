import { randomUUID } from 'node:crypto';
import type { Listing } from '@himatch/core';
import { storeListing, type DB, type Repositories, type StoreListing } from '@himatch/db';
import type { UpsertOutcome } from '@himatch/db';
import type { Kysely } from 'kysely';
import { compareJobs, duplicateKeys, sameJobDoc, type SameJobDoc } from '@himatch/normalizer';
import { matchDocument } from '@himatch/matcher';

export interface PlaceListing {
  /** The listing made from this posting before, if any. */
  listingId: string | null;
  sourceId: string;
  sourceKind: string;
  externalId: string;
  rawPostingId: string | null;
  contentHash: string;
  runId: string | null;
  expired: boolean;
}

/**
 * Stores a normalized HIT listing in the cluster of its job: stable ids first (requisition id
 * + employer, apply URL, the source's own id), then near-duplicate text, via the normalizer's
 * keys and its same-job test against each candidate cluster's canonical listing. A
 * staffing-agency copy or a repost gets a cluster of its own. The cluster is chosen before the
 * listing is written, so the listing is written once, with its cluster, in one statement.
 */
export async function placeListing(db: Kysely<DB>, repos: Repositories, listing: Listing, p: PlaceListing): Promise<{ listingId: string; clusterId: string; outcome: UpsertOutcome }> {
  const keys = duplicateKeys(listing, { sourceKind: p.sourceKind, externalId: p.externalId, requisitionId: listing.requisitionId });
  const candidates = await repos.clusterKeys.candidates(keys);
  const listingId = p.listingId ?? randomUUID();
  const sameJob = sameJobDoc(listing);
  const docOf = (c: (typeof candidates)[number]): SameJobDoc | null => (c.sameJob as SameJobDoc | null) ?? (c.canonical ? sameJobDoc(c.canonical) : null);
  const home =
    candidates.find((c) => c.canonicalListingId === listingId) ??
    candidates.find((c) => {
      const doc = docOf(c);
      return doc !== null && compareJobs(sameJob, doc).same;
    });
  const cluster: StoreListing['cluster'] = home
    ? { id: home.clusterId, create: false, keys, mergeApplyUrls: listing.applyUrls }
    : { id: randomUUID(), create: true, keys, mergeApplyUrls: [] };
  const { outcome } = await storeListing(db, {
    listingId, sourceId: p.sourceId, externalId: p.externalId, rawPostingId: p.rawPostingId, contentHash: p.contentHash,
    data: listing, matchDoc: matchDocument(listing), sameJob, runId: p.runId, expired: p.expired, cluster,
  });
  return { listingId, clusterId: cluster.id, outcome };
}
