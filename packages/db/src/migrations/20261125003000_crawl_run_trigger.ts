import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// A scheduled crawl.source job (from a BullMQ job scheduler) cannot carry a run id, since a
// scheduler's job template is fixed: the crawler creates the run itself, keyed by the BullMQ
// job id, so a job that runs twice (at-least-once) still makes one run.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('crawl_run')
    .addColumn('trigger_job_id', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('crawl_run_started_idx').on('crawl_run').columns(['started_at desc', 'id desc']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('crawl_run_started_idx').execute();
  await db.schema.alterTable('crawl_run').dropColumn('trigger_job_id').execute();
}
