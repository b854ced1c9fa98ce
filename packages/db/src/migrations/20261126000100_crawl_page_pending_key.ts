import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Completing a page looks it up by (run, request key) among the pending ones. An index of
// pending pages by run alone made the planner walk every pending page of the run for each
// completion (a 20,000-page site: quadratic). Keyed by both, either plan is one lookup, and
// counting a run's pending pages still reads the run's prefix.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('crawl_page_pending_idx').execute();
  await db.schema.createIndex('crawl_page_pending_idx').on('crawl_page').columns(['run_id', 'request_key']).where(sql.ref('status'), '=', 'pending').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('crawl_page_pending_idx').execute();
  await db.schema.createIndex('crawl_page_pending_idx').on('crawl_page').columns(['run_id']).where(sql.ref('status'), '=', 'pending').execute();
}
