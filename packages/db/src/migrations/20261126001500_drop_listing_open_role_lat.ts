import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// The pre-filter reads a radius box by its cells (listing_open_cell_idx, which carries the role),
// and no other statement can use the (role, lat, lon) index of open sites: a whole
// `bench match` (100 candidates forward, 1,000 listings against 100,000 profiles) and the search
// bench scanned it zero times. Every listing written no longer pays for it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_role_lat_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists listing_open_role_lat_idx on listing (role, lat, lon) include (id, required_credentials)
    where status = 'open' and work_mode <> 'remote'`.execute(db);
}
