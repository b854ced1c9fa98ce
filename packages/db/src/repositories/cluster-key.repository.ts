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

  /**
   * Clusters holding listings that share any of these keys, most recently updated first. The
   * clusters are chosen first (a generic key can be shared by many) and only those few join
   * their canonical listing. The canonical's HTML is left out (blanked): the same-job test
   * reads its text, and the HTML is the bulk of the document.
   */
  candidates(keys: string[], limit = 24): Promise<ClusterCandidate[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.#db
      .selectFrom((eb) => eb
        .selectFrom('listingCluster as c')
        .select(['c.id', 'c.canonicalListingId', 'c.updatedAt'])
        // = any(array(...)) keeps this a primary-key lookup per cluster, never a scan of all clusters.
        .where('c.id', '=', sql<string>`any(array(${eb.selectFrom('listingClusterKey').select('clusterId').where('key', 'in', keys)}))`)
        .orderBy('c.updatedAt', 'desc')
        .limit(limit)
        .as('top'))
      .leftJoin('listing as l', 'l.id', 'top.canonicalListingId')
      .select(['top.id as clusterId', 'top.canonicalListingId', sql<Listing | null>`jsonb_set(l.data, '{descriptionHtml}', '""')`.as('canonical')])
      .orderBy('top.updatedAt', 'desc')
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
