import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// A listing row is ~1 KB (document, search vector), so walking the newest open listings and
// filtering on the heap reads a page per row. This narrow index carries the cheap filter
// columns in search order: an index-only scan narrows by role, state, credential, degree,
// work mode and employment type, and only the survivors are read from the heap.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists listing_open_posted_filters_idx on listing (posted_at desc nulls last, id desc)
    include (role, min_education, work_mode, employment_type, regions, accepted_credentials, required_credentials)
    where status = 'open'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_posted_filters_idx').ifExists().execute();
}
