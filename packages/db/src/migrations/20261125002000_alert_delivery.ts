import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// What an alert says is fixed when the match is found (eligibility, one-line summary, and the
// saved search that asked for it, if any), so delivery never re-evaluates; the candidate-side
// pre-filter of forward matching reads role, states and the remote flag through indexes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('alert_outbox')
    .addColumn('eligibility', 'text')
    .addColumn('summary', 'text')
    .addColumn('saved_search_id', 'uuid', (c) => c.references('saved_search.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('saved_search_candidate_idx').on('saved_search').column('candidate_id').execute();
  // Forward matching pre-filter (one candidate's plausible listings), one index per branch:
  // sites in the radius box by role, remote listings by role newest first, unlocated by state.
  await sql`create index listing_open_role_lat_idx on listing (role, lat, lon) where status = 'open'`.execute(db);
  await sql`create index listing_open_remote_role_posted_idx on listing (role, posted_at desc)
    where status = 'open' and work_mode = 'remote'`.execute(db);
  await sql`create index listing_open_unlocated_region_idx on listing (region, role) where status = 'open' and lat is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['listing_open_role_lat_idx', 'listing_open_remote_role_posted_idx', 'listing_open_unlocated_region_idx']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  await db.schema.dropIndex('saved_search_candidate_idx').ifExists().execute();
  await db.schema.alterTable('alert_outbox').dropColumn('saved_search_id').dropColumn('summary').dropColumn('eligibility').execute();
}
