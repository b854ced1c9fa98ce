import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// The listing as ranking reads it (@himatch/matcher matchDocument), as plain json: forward
// matching reads thousands of listings per candidate, and turning jsonb documents into text
// was most of that query. Null for listings stored before it: readers fall back to `data`.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing').addColumn('match_doc', 'json').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing').dropColumn('match_doc').execute();
}
