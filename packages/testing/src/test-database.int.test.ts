import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { databaseNameOf } from '@himatch/db';
import { createTestDatabase, templateDatabaseName } from './test-database.ts';
import { postgresServerUrl } from './servers.ts';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: await postgresServerUrl() });
  await client.connect();
  try {
    return ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

const leftovers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of leftovers) await drop();
});

describe('createTestDatabase', () => {
  it('gives isolated, migrated databases', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    leftovers.push(a.drop, b.drop);
    expect(a.url).not.toBe(b.url);
    expect(databaseNameOf(a.url)).toMatch(/^himatch_test_[0-9a-z]+_[0-9a-f]{8}$/);

    await a.db.insertInto('source').values({ kind: 'rss', name: 'only-in-a' }).execute();
    expect(await a.db.selectFrom('source').select('name').execute()).toEqual([{ name: 'only-in-a' }]);
    expect(await b.db.selectFrom('source').select('name').execute()).toEqual([]);
  });

  it('drop removes the database even with a connection still open', async () => {
    const t = await createTestDatabase();
    const name = databaseNameOf(t.url);
    const stray = new pg.Client({ connectionString: t.url });
    stray.on('error', () => {});
    await stray.connect();
    expect(await databaseExists(name)).toBe(true);
    await t.drop();
    expect(await databaseExists(name)).toBe(false);
    await t.drop(); // a second drop is harmless
    await stray.end().catch(() => {});
  });

  it('drops test databases abandoned long ago, and only those', async () => {
    const admin = new pg.Client({ connectionString: await postgresServerUrl() });
    await admin.connect();
    const old = `himatch_test_${(Date.now() - 7 * 3600_000).toString(36)}_deadbeef`;
    const recent = `himatch_test_${(Date.now() - 3600_000).toString(36)}_deadbeef`;
    try {
      await admin.query(`create database ${old}`);
      await admin.query(`create database ${recent}`);
      const t = await createTestDatabase();
      leftovers.push(t.drop);
      expect(await databaseExists(old)).toBe(false);
      expect(await databaseExists(recent)).toBe(true);
    } finally {
      await admin.query(`drop database if exists ${old}`);
      await admin.query(`drop database if exists ${recent}`);
      await admin.end();
    }
  });

  it('clones from a template named after the migration set', async () => {
    const template = await templateDatabaseName();
    expect(template).toMatch(/^himatch_tpl_[0-9a-f]{12}$/);
    expect(await templateDatabaseName()).toBe(template);
    const t = await createTestDatabase();
    leftovers.push(t.drop);
    expect(await databaseExists(template)).toBe(true);
    const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(t.db);
    expect(applied.rows[0]!.n).toBeGreaterThanOrEqual(3);
  });
});
