import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// What the normalizer's same-job test reads of a listing (@himatch/normalizer sameJobDoc:
// normalized title, employer, place, pay, dates, apply links and a MinHash of the text), as
// plain json. Placing a posting compares it with up to 24 candidate clusters' canonical
// listings; reading their whole documents and hashing their text was most of that work.
// Null for listings stored before it: the normalizer then reads `data`.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing').addColumn('same_job', 'json').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing').dropColumn('same_job').execute();
}
