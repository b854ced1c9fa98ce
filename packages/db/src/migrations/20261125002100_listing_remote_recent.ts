import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Newest open remote listings of any role (a candidate who names no wanted role): the
// forward pre-filter reads the first N in index order instead of sorting every remote row.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index listing_open_remote_posted_idx on listing (posted_at desc) where status = 'open' and work_mode = 'remote'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_remote_posted_idx').ifExists().execute();
}
