import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// The crawl ledger: every page a run owes (so an at-least-once job neither double-counts nor
// ends a run early) and every posting or page that failed, with its reason.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crawl_page')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('crawl_run.id').onDelete('cascade'))
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('crawl_page_pk', ['run_id', 'request_key'])
    .addCheckConstraint('crawl_page_status_check', sql`status in ('pending', 'done', 'skipped', 'failed')`)
    .addCheckConstraint('crawl_page_role_check', sql`role in ('list', 'detail', 'discovery')`)
    .execute();
  await db.schema.createIndex('crawl_page_pending_idx').on('crawl_page').columns(['run_id']).where(sql.ref('status'), '=', 'pending').execute();

  await db.schema
    .createTable('crawl_failure')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('crawl_run.id').onDelete('cascade'))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('crawl_failure_run_idx').on('crawl_failure').columns(['run_id', 'created_at']).execute();
  await db.schema.createIndex('raw_posting_source_url_idx').on('raw_posting').columns(['source_id', 'url']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('raw_posting_source_url_idx').execute();
  await db.schema.dropTable('crawl_failure').execute();
  await db.schema.dropTable('crawl_page').execute();
}
