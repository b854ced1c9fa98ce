import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// A candidate's remote branch walks the newest open remote listings (per wanted role, or all)
// and keeps those whose credential and remote-state gates it passes. Read from the heap, that
// walk visited one table page per listing, most of them outside shared buffers (a role's
// 8,000 remote listings for 2,000 kept: 150 ms at a million listings). Carrying the gates and
// the id in the index lets Postgres answer it index-only, so only the kept listings' documents
// are read. Index-only needs the visibility map, which (auto)vacuum keeps.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_remote_role_posted_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_remote_posted_idx').ifExists().execute();
  await sql`create index listing_open_remote_role_posted_idx on listing (role, posted_at desc)
    include (id, required_credentials, remote_regions) where status = 'open' and work_mode = 'remote'`.execute(db);
  await sql`create index listing_open_remote_posted_idx on listing (posted_at desc)
    include (id, required_credentials, remote_regions) where status = 'open' and work_mode = 'remote'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_remote_role_posted_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_remote_posted_idx').ifExists().execute();
  await sql`create index listing_open_remote_role_posted_idx on listing (role, posted_at desc) where status = 'open' and work_mode = 'remote'`.execute(db);
  await sql`create index listing_open_remote_posted_idx on listing (posted_at desc) where status = 'open' and work_mode = 'remote'`.execute(db);
}
