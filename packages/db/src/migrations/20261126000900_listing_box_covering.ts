import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// A candidate's radius box: the pre-filter keeps a site when its role family and credentials
// could suit, which in a dense metro leaves out more than half of the box. Carrying the id and
// both gates in the box indexes (by role, and without one) lets Postgres apply them index-only
// and read a document only for the listings kept. Remote listings are never in a box.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_role_lat_idx').ifExists().execute();
  await sql`create index listing_open_role_lat_idx on listing (role, lat, lon) include (id, required_credentials)
    where status = 'open' and work_mode <> 'remote'`.execute(db);
  await sql`create index listing_open_box_idx on listing (lat, lon) include (id, role, required_credentials)
    where status = 'open' and work_mode <> 'remote'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_box_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_role_lat_idx').ifExists().execute();
  await sql`create index listing_open_role_lat_idx on listing (role, lat, lon) where status = 'open'`.execute(db);
}
