import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here. The kind list is copied from @himatch/core SOURCE_KINDS
// as of this migration; a test checks it still accepts every kind core knows.
const KINDS = ['jsonld-site', 'greenhouse', 'lever', 'ashby', 'smartrecruiters', 'workday', 'icims', 'usajobs', 'rss', 'indeed-xml'];

export async function up(db: Kysely<any>): Promise<void> {
  const kindList = sql.join(KINDS.map((k) => sql.lit(k)));
  await db.schema
    .createTable('source')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('cron', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('politeness', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cooldown_until', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_failure_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('source_kind_check', sql`kind in (${kindList})`)
    .execute();

  await db.schema
    .createTable('crawl_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('complete', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('postings_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('pending_pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('crawl_run_status_check', sql`status in ('running', 'succeeded', 'partial', 'failed')`)
    .execute();
  await db.schema.createIndex('crawl_run_source_started_idx').on('crawl_run').columns(['source_id', 'started_at desc']).execute();

  await db.schema
    .createTable('raw_posting')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('reason', 'text')
    .addColumn('last_run_id', 'uuid', (c) => c.references('crawl_run.id').onDelete('set null'))
    .addUniqueConstraint('raw_posting_source_external_key', ['source_id', 'external_id'])
    .addCheckConstraint('raw_posting_status_check', sql`status in ('pending', 'normalized', 'rejected', 'failed')`)
    .execute();

  await db.schema
    .createTable('http_cache')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('http_cache').execute();
  await db.schema.dropTable('raw_posting').execute();
  await db.schema.dropTable('crawl_run').execute();
  await db.schema.dropTable('source').execute();
}
