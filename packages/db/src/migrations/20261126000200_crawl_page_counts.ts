import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Each page keeps its own counts. Adding them to the run's row on every page made that row
// the crawl's hottest lock (every page of a run waited on the one before it); a running run's
// counts are now summed from its pages, and folded into its row when it finishes.

const COUNTS = ['pages', 'postings_seen', 'new', 'changed', 'unchanged', 'failed'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const c of COUNTS) await db.schema.alterTable('crawl_page').addColumn(c, 'integer', (col) => col.notNull().defaultTo(0)).execute();
  // Runs still going when this runs keep their counts in crawl_run; their pending count is
  // now read from their pages.
  await sql`update crawl_run set pending_pages = 0 where finished_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of COUNTS) await db.schema.alterTable('crawl_page').dropColumn(c).execute();
}
