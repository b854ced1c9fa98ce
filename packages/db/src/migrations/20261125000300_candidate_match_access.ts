import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('candidate')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('external_ref', 'text', (c) => c.unique())
    .addColumn('profile', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('match')
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
    .addColumn('listing_id', 'uuid', (c) => c.notNull().references('listing.id').onDelete('cascade'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('eligibility', 'text', (c) => c.notNull())
    .addColumn('explanation', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('match_pkey', ['candidate_id', 'listing_id'])
    .execute();
  await db.schema.createIndex('match_candidate_score_idx').on('match').columns(['candidate_id', 'score desc']).execute();
  await db.schema.createIndex('match_listing_idx').on('match').column('listing_id').execute();

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'uuid', (c) => c.references('candidate.id').onDelete('cascade'))
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addCheckConstraint('api_key_role_check', sql`role in ('operator', 'recruiter', 'candidate')`)
    .execute();

  await db.schema
    .createTable('saved_search')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('candidate_id', 'uuid', (c) => c.references('candidate.id').onDelete('cascade'))
    .addColumn('owner_key_id', 'uuid', (c) => c.references('api_key.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('alert_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
    .addColumn('listing_id', 'uuid', (c) => c.notNull().references('listing.id').onDelete('cascade'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('alert_outbox_candidate_listing_key', ['candidate_id', 'listing_id'])
    .addCheckConstraint('alert_outbox_status_check', sql`status in ('pending', 'delivered', 'failed')`)
    .execute();
  await db.schema.createIndex('alert_outbox_status_idx').on('alert_outbox').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_outbox').execute();
  await db.schema.dropTable('saved_search').execute();
  await db.schema.dropTable('api_key').execute();
  await db.schema.dropTable('match').execute();
  await db.schema.dropTable('candidate').execute();
}
