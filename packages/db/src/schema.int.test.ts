import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { SOURCE_KINDS } from '@himatch/core';
import { createTestDatabase, postgresServerUrl, type TestDatabase } from '@himatch/testing';
import { committedTypesFile, generateTypes } from './codegen/codegen.ts';
import { createDb, migrateToLatest, withDatabaseName } from './database.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('schema', () => {
  it('matches the committed generated types', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'himatch-types-'));
    try {
      const fresh = path.join(dir, 'schema.generated.ts');
      await generateTypes(t.url, fresh);
      const [generated, committed] = await Promise.all([readFile(fresh, 'utf8'), readFile(committedTypesFile, 'utf8')]);
      expect(generated === committed, 'generated types drifted: run pnpm --filter @himatch/db gen:types').toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('accepts every source kind core knows', async () => {
    const rows = SOURCE_KINDS.map((kind) => ({ kind, name: `kind-${kind}` }));
    const inserted = await t.db.insertInto('source').values(rows).returning('kind').execute();
    expect(inserted.map((r) => r.kind)).toEqual([...SOURCE_KINDS]);
  });

  it('weights title above description in the search vector', async () => {
    const rank = await sql<{ title: number; body: number }>`
      select ts_rank(setweight(to_tsvector('english', 'coder'), 'A'), to_tsquery('english', 'coder')) as title,
             ts_rank(setweight(to_tsvector('english', 'coder'), 'C'), to_tsquery('english', 'coder')) as body`.execute(t.db);
    expect(rank.rows[0]!.title).toBeGreaterThan(rank.rows[0]!.body);
  });
});

describe('migrateToLatest', () => {
  it('creates a database with an awkward name, migrates it, and is idempotent', async () => {
    const name = `himatch_test_Odd "name"-${Date.now()}`;
    const url = withDatabaseName(await postgresServerUrl(), name);
    try {
      const first = await migrateToLatest(url);
      expect(first.applied.length).toBeGreaterThanOrEqual(3);
      expect(first.applied).toEqual([...first.applied].sort());
      expect(await migrateToLatest(url)).toEqual({ applied: [] });
      const db = createDb(url, { max: 1 });
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'listing'`.execute(db);
      await db.destroy();
      expect(tables.rows[0]!.n).toBe(1);
    } finally {
      // A plain client: the CamelCasePlugin of createDb would rename the identifier.
      const admin = new pg.Client({ connectionString: await postgresServerUrl() });
      await admin.connect();
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      expect((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount).toBe(0);
      await admin.end();
    }
  });
});
