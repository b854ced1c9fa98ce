import { sql, type Kysely } from 'kysely';
import type { Listing } from '@himatch/core';
import type { DB } from '../schema.generated.ts';
import type { ListingClusterRow } from '../rows.ts';

export interface ClusterCandidate {
  clusterId: string;
  canonicalListingId: string | null;
  /** The canonical listing's normalized data, to compare with (null when it is gone). */
  canonical: Listing | null;
}

/** Blocking keys of duplicate clusters: which clusters a listing should be compared with. */
export class ClusterKeyRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Clusters holding listings that share any of these keys, most recently updated first. */
  candidates(keys: string[], limit = 24): Promise<ClusterCandidate[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.#db
      .selectFrom('listingClusterKey as k')
      .innerJoin('listingCluster as c', 'c.id', 'k.clusterId')
      .leftJoin('listing as l', 'l.id', 'c.canonicalListingId')
      .select(['c.id as clusterId', 'c.canonicalListingId', 'l.data as canonical'])
      .where('k.key', 'in', keys)
      .groupBy(['c.id', 'c.canonicalListingId', 'l.data', 'c.updatedAt'])
      .orderBy('c.updatedAt', 'desc')
      .limit(limit)
      .execute();
  }

  async addKeys(clusterId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#db
      .insertInto('listingClusterKey')
      .values(keys.map((key) => ({ key, clusterId })))
      .onConflict((oc) => oc.columns(['key', 'clusterId']).doNothing())
      .execute();
  }

  /** A new cluster for one listing; a fingerprint already taken by another job gets the listing id appended. */
  async create(fingerprint: string, applyUrls: string[], canonicalListingId: string): Promise<ListingClusterRow> {
    const insert = (fp: string) =>
      this.#db
        .insertInto('listingCluster')
        .values({ fingerprint: fp, applyUrls, canonicalListingId })
        .onConflict((oc) => oc.column('fingerprint').doNothing())
        .returningAll()
        .executeTakeFirst();
    return (await insert(fingerprint)) ?? (await insert(`${fingerprint}/${canonicalListingId}`))!;
  }

  /** Adds apply links to a cluster (each once, sorted). */
  async mergeApplyUrls(clusterId: string, applyUrls: string[]): Promise<void> {
    if (applyUrls.length === 0) return;
    await this.#db
      .updateTable('listingCluster')
      .set({ applyUrls: sql<string[]>`array(select distinct u from unnest(apply_urls || ${applyUrls}::text[]) as u order by u)`, updatedAt: sql<Date>`now()` })
      .where('id', '=', clusterId)
      .execute();
  }
}
