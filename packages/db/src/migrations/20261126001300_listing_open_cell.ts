import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// A candidate's radius box read by half-degree cells (about 35 by 28 miles at 40°N): the key
// cell = floor(lat * 2) * 1000 + floor(lon * 2) puts each cell's sites side by side, so the
// pre-filter reads the few cells around the box. The (lat, lon) index it replaces was walked
// over the whole latitude band of the box, coast to coast (3,000-14,000 entries for a 25-mile
// radius), and the planner, taking latitude and longitude for independent, expected three
// rows and sometimes preferred the plain (lat, lon) index, reading every site of the band from
// the table (200 ms). It carries the id and both gates, as the box index did.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index listing_open_cell_idx on listing ((floor(lat * 2)::int * 1000 + floor(lon * 2)::int), lat, lon)
    include (id, role, required_credentials) where status = 'open' and work_mode <> 'remote'`.execute(db);
  await db.schema.dropIndex('listing_open_box_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists listing_open_box_idx on listing (lat, lon) include (id, role, required_credentials)
    where status = 'open' and work_mode <> 'remote'`.execute(db);
  await db.schema.dropIndex('listing_open_cell_idx').ifExists().execute();
}
