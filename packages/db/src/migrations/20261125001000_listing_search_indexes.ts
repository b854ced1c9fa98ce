import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Indexes for the recruiter search (GET /listings) on a table of a million listings: the
// keyset orders (posted exists; pay here), array containment for states, remote states and
// federal series, a case-free employer match and the ZIP-radius bounding box.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index listing_status_pay_idx on listing
    (status, (coalesce(salary_annual_max, salary_annual_min)) desc nulls last, id desc)`.execute(db);
  await sql`create index listing_status_pay_min_idx on listing (status, (coalesce(salary_annual_min, salary_annual_max)))`.execute(db);
  await db.schema.createIndex('listing_regions_idx').on('listing').using('gin').column('regions').execute();
  await db.schema.createIndex('listing_remote_regions_idx').on('listing').using('gin').column('remote_regions').execute();
  await db.schema.createIndex('listing_federal_series_idx').on('listing').using('gin').column('federal_series').execute();
  await sql`create index listing_employer_lower_idx on listing (lower(employer))`.execute(db);
  await db.schema.createIndex('listing_lat_lon_idx').on('listing').columns(['lat', 'lon']).execute();
  await db.schema.createIndex('listing_status_role_idx').on('listing').columns(['status', 'role']).execute();
  await db.schema.createIndex('listing_status_closes_idx').on('listing').columns(['status', 'closes_at']).execute();
  await db.schema.createIndex('alert_outbox_candidate_idx').on('alert_outbox').columns(['candidate_id', 'created_at']).execute();
  await db.schema.createIndex('crawl_run_status_idx').on('crawl_run').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'listing_status_pay_idx', 'listing_status_pay_min_idx', 'listing_regions_idx', 'listing_remote_regions_idx', 'listing_federal_series_idx',
    'listing_employer_lower_idx', 'listing_lat_lon_idx', 'listing_status_role_idx', 'listing_status_closes_idx', 'alert_outbox_candidate_idx',
    'crawl_run_status_idx',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
