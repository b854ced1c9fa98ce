import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// The keys under which listings of one job meet (fingerprint, requisition id + employer, apply
// URL, source id, title + employer + place): a new listing is compared only with the clusters
// that share a key with it, then joined to the first that is the same job.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listing_cluster_key')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'uuid', (c) => c.notNull().references('listing_cluster.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('listing_cluster_key_pk', ['key', 'cluster_id'])
    .execute();
  await db.schema.createIndex('listing_cluster_key_cluster_idx').on('listing_cluster_key').column('cluster_id').execute();
  // Existing clusters keep being found by their fingerprint.
  await sql`insert into listing_cluster_key (key, cluster_id) select 'fp:' || fingerprint, id from listing_cluster on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('listing_cluster_key').execute();
}
