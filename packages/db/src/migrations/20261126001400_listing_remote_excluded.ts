import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Remote postings that cannot hire in some states ("unable to hire residents of CA, NY",
// "Remote (excluding CA)") keep those states in a column of their own, so the recruiter
// search's remote-state filter leaves them out for those states. The newest-first index that
// checks the remote-state filter index-only carries it too.

const COLUMNS = 'role, min_education, work_mode, employment_type, regions, accepted_credentials, required_credentials, lat, lon, remote_regions';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table listing add column remote_excluded_regions text[] not null default '{}'::text[]`.execute(db);
  await sql`update listing set remote_excluded_regions = array(select jsonb_array_elements_text(data->'remoteExcludedRegions'))
    where jsonb_typeof(data->'remoteExcludedRegions') = 'array' and jsonb_array_length(data->'remoteExcludedRegions') > 0`.execute(db);
  await db.schema.dropIndex('listing_open_posted_filters_idx').ifExists().execute();
  await sql.raw(`create index listing_open_posted_filters_idx on listing (posted_at desc nulls last, id desc)
    include (${COLUMNS}, remote_excluded_regions) where status = 'open'`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_posted_filters_idx').ifExists().execute();
  await sql.raw(`create index listing_open_posted_filters_idx on listing (posted_at desc nulls last, id desc)
    include (${COLUMNS}) where status = 'open'`).execute(db);
  await sql`alter table listing drop column remote_excluded_regions`.execute(db);
}
