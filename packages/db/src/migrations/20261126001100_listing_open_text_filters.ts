import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// One inverted index of open listings holding their words, the filters a recruiter combines
// with words (role, states, credentials, education, work mode, employment type) and the UTC
// day each was posted (btree_gin indexes the scalar columns). A text query with such filters
// is then answered by intersecting posting lists inside the index, restricted to the newest
// days that hold enough matches, and reads only the matching rows: "Epic" in Texas read 5,000
// table rows through the newest-first walk to find its 1,000 newest matches (90 ms at a
// million listings). It replaces the words-only index for open listings; closed listings keep
// a words-only index of their own.

const OPEN_INDEX = `create index listing_open_text_filters_idx on listing using gin (
  search_vector, role, regions, accepted_credentials, required_credentials, min_education, work_mode, employment_type,
  ((posted_at at time zone 'UTC')::date)) where status = 'open'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql.raw(OPEN_INDEX).execute(db);
  await sql`create index listing_closed_search_vector_idx on listing using gin (search_vector) where status <> 'open'`.execute(db);
  await db.schema.dropIndex('listing_search_vector_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('listing_search_vector_idx').ifNotExists().on('listing').using('gin').column('search_vector').execute();
  await db.schema.dropIndex('listing_closed_search_vector_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_text_filters_idx').ifExists().execute();
}
