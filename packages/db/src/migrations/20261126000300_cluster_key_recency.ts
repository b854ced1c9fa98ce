import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// A generic key (one title at one employer and place) can be shared by hundreds of distinct
// jobs' clusters. A new listing is compared with the newest few clusters per key, read in
// key order from an index, instead of sorting every cluster that shares the key.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing_cluster_key').addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`)).execute();
  await db.schema.createIndex('listing_cluster_key_recent_idx').on('listing_cluster_key').expression(sql`key, added_at desc, cluster_id`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_cluster_key_recent_idx').execute();
  await db.schema.alterTable('listing_cluster_key').dropColumn('added_at').execute();
}
