import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Every index on listing is written for every listing the normalizer stores. Two are never
// read: (status, posted_at desc, id) is served by listing_status_posted_order_idx (same
// columns, the order the queries ask for), and no query filters on salary_annual_min alone
// (pay filters and sorts use the coalesced expressions of listing_status_pay_idx and
// listing_status_pay_min_idx).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_status_posted_idx').ifExists().execute();
  await db.schema.dropIndex('listing_salary_min_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('listing_status_posted_idx').on('listing').expression(sql`status, posted_at desc, id`).execute();
  await db.schema.createIndex('listing_salary_min_idx').on('listing').column('salary_annual_min').execute();
}
