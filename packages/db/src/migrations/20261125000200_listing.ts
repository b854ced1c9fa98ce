import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listing_cluster')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('canonical_listing_id', 'uuid')
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('apply_urls', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('listing_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('listing')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('raw_posting_id', 'uuid', (c) => c.references('raw_posting.id').onDelete('set null'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('employer', 'text')
    .addColumn('role', 'text')
    .addColumn('is_hit', 'boolean', (c) => c.notNull())
    .addColumn('work_mode', 'text', (c) => c.notNull())
    .addColumn('employment_type', 'text', (c) => c.notNull())
    .addColumn('min_education', 'text', (c) => c.notNull())
    .addColumn('required_credentials', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('accepted_credentials', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('salary_annual_min', 'numeric')
    .addColumn('salary_annual_max', 'numeric')
    .addColumn('region', 'text')
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('remote_regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('federal_series', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('federal_grade_low', 'integer')
    .addColumn('federal_grade_high', 'integer')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_reason', 'text')
    .addColumn('cluster_id', 'uuid', (c) => c.references('listing_cluster.id').onDelete('set null'))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_run_id', 'uuid', (c) => c.references('crawl_run.id').onDelete('set null'))
    .addColumn('missed_runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_vector', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(employer, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(data->>'descriptionText', '')), 'C')`).stored(),
    )
    .addUniqueConstraint('listing_source_external_key', ['source_id', 'external_id'])
    .addCheckConstraint('listing_status_check', sql`status in ('open', 'closed')`)
    .execute();

  await db.schema
    .alterTable('listing_cluster')
    .addForeignKeyConstraint('listing_cluster_canonical_fkey', ['canonical_listing_id'], 'listing', ['id'], (fk) => fk.onDelete('set null'))
    .execute();

  await db.schema.createIndex('listing_search_vector_idx').on('listing').using('gin').column('search_vector').execute();
  await db.schema.createIndex('listing_required_credentials_idx').on('listing').using('gin').column('required_credentials').execute();
  await db.schema.createIndex('listing_accepted_credentials_idx').on('listing').using('gin').column('accepted_credentials').execute();
  await db.schema.createIndex('listing_status_posted_idx').on('listing').columns(['status', 'posted_at desc', 'id']).execute();
  await db.schema.createIndex('listing_role_idx').on('listing').column('role').execute();
  await db.schema.createIndex('listing_region_idx').on('listing').column('region').execute();
  await db.schema.createIndex('listing_salary_min_idx').on('listing').column('salary_annual_min').execute();
  await db.schema.createIndex('listing_cluster_id_idx').on('listing').column('cluster_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing_cluster').dropConstraint('listing_cluster_canonical_fkey').execute();
  await db.schema.dropTable('listing').execute();
  await db.schema.dropTable('listing_cluster').execute();
}
