import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { ListingClusterRow } from '../rows.ts';

/** One real job seen on several boards, keyed by the normalizer's fingerprint. */
export class ClusterRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Creates or extends the fingerprint's cluster: apply links are merged, the first canonical listing stays. */
  upsertByFingerprint(fingerprint: string, applyUrls: string[], canonicalListingId: string | null): Promise<ListingClusterRow> {
    return this.#db
      .insertInto('listingCluster')
      .values({ fingerprint, applyUrls, canonicalListingId })
      .onConflict((oc) =>
        oc.column('fingerprint').doUpdateSet({
          applyUrls: sql<string[]>`array(select distinct u from unnest(listing_cluster.apply_urls || excluded.apply_urls) as u order by u)`,
          canonicalListingId: sql<string | null>`coalesce(listing_cluster.canonical_listing_id, excluded.canonical_listing_id)`,
          updatedAt: sql<Date>`now()`,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Puts a listing in a cluster and keeps both clusters' counts right in one statement;
   * attaching it again is a no-op. Returns the target cluster.
   */
  attachListing(listingId: string, clusterId: string): Promise<ListingClusterRow | undefined> {
    return this.#db
      .with('prev', (db) => db.selectFrom('listing').select('clusterId').where('id', '=', listingId))
      .with('moved', (db) =>
        db
          .updateTable('listing')
          .set({ clusterId })
          .where('id', '=', listingId)
          .where('clusterId', 'is distinct from', clusterId)
          .returning('id'),
      )
      .with('left', (db) =>
        db
          .updateTable('listingCluster')
          .set((eb) => ({ listingCount: eb('listingCount', '-', 1), updatedAt: sql<Date>`now()` }))
          .where('id', '=', (eb) => eb.selectFrom('prev').select('prev.clusterId'))
          .where((eb) => eb.exists(eb.selectFrom('moved').select('moved.id')))
          .returning('id'),
      )
      .updateTable('listingCluster')
      .set((eb) => ({
        listingCount: eb('listingCount', '+', eb.selectFrom('moved').select(sql<number>`count(*)::int`.as('n'))),
        updatedAt: sql<Date>`now()`,
      }))
      .where('id', '=', clusterId)
      .returningAll()
      .executeTakeFirst();
  }

  getById(id: string): Promise<ListingClusterRow | undefined> {
    return this.#db.selectFrom('listingCluster').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
