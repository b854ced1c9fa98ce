import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// The partial index of open federal listings in posted order also carries the columns the
// recruiter search filters on and counts facets of, so facets of a federal search walk it
// index-only: the planner expected a handful of rows for a series and a grade (it takes them
// for independent) and read every listing of the series from the table (19,000 rows, 170-900 ms
// at a million listings, most of it waiting on the disk).

const COLUMNS = 'federal_series, federal_grade_low, federal_grade_high';
const FACETS = 'role, regions, work_mode, employment_type, accepted_credentials, required_credentials, min_education';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_federal_posted_idx').ifExists().execute();
  await sql.raw(`create index listing_open_federal_posted_idx on listing (posted_at desc nulls last, id desc)
    include (${COLUMNS}, ${FACETS}) where status = 'open' and federal_series <> '{}'`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_federal_posted_idx').ifExists().execute();
  await sql.raw(`create index listing_open_federal_posted_idx on listing (posted_at desc nulls last, id desc)
    include (${COLUMNS}) where status = 'open' and federal_series <> '{}'`).execute(db);
}
