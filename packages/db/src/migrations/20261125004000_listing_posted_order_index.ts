import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// The search orders by `posted_at desc nulls last, id desc`; a DESC btree column sorts nulls
// first by default, so listing_status_posted_idx cannot serve that order and every search
// sorted all its matches. This index matches the order exactly (first pages read ~limit rows).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists listing_status_posted_order_idx on listing (status, posted_at desc nulls last, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_status_posted_order_idx').ifExists().execute();
}
