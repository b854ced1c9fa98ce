import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@himatch/testing';
import { createDb } from './database.ts';

// Workers run their parameterized statements as named prepared statements (parsed and planned
// once per connection); everyone else keeps unnamed statements.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

async function preparedHere(db: ReturnType<typeof createDb>, probe: (db: ReturnType<typeof createDb>) => Promise<unknown>): Promise<string[]> {
  // One connection, so the probe and the catalog read share a session.
  return db.connection().execute(async (conn) => {
    await probe(conn);
    await probe(conn);
    const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'himatch_%'`.execute(conn);
    return rows.map((r) => r.statement);
  });
}

describe('createDb prepareStatements', () => {
  it('prepares each parameterized statement once per connection and answers as before', async () => {
    const db = createDb(database.url, { max: 1, prepareStatements: true });
    try {
      const probe = async (conn: typeof db) => {
        const row = await conn.selectFrom('source').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'lever').executeTakeFirstOrThrow();
        expect(Number(row.n)).toBe(0);
      };
      const statements = await preparedHere(db, probe);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/from "source" where "kind" = \$1/);
    } finally {
      await db.destroy();
    }
  }, 30_000);

  it('prepares a statement afresh after 64 calls, so its cached plan follows the tables as they grow', async () => {
    const db = createDb(database.url, { max: 1, prepareStatements: true });
    try {
      const probe = (conn: typeof db) => conn.selectFrom('source').select('id').where('kind', '=', 'lever').execute();
      const namesAfter = (calls: number) => db.connection().execute(async (conn) => {
        for (let i = 0; i < calls; i++) await probe(conn);
        const { rows } = await sql<{ name: string; plans: string }>`select name, generic_plans + custom_plans as plans from pg_prepared_statements where name like 'himatch_%'`.execute(conn);
        return rows;
      });
      const first = await namesAfter(64);
      expect(first).toHaveLength(1);
      expect(first[0]!.name).toMatch(/_0$/);
      const second = await namesAfter(1);
      // The old statement is deallocated; its successor has been run once.
      expect(second).toHaveLength(1);
      expect(second[0]!.name).toMatch(/_1$/);
      expect(Number(second[0]!.plans)).toBe(1);
    } finally {
      await db.destroy();
    }
  }, 30_000);

  it('leaves statements unnamed by default', async () => {
    const db = createDb(database.url, { max: 1 });
    try {
      const statements = await preparedHere(db, (conn) => conn.selectFrom('source').select('id').where('kind', '=', 'lever').execute());
      expect(statements).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 30_000);
});

describe('createDb session settings', () => {
  it('runs its connections without JIT or parallel workers, with 32 MB of work_mem and reading 32 pages ahead', async () => {
    const db = createDb(database.url);
    try {
      const { rows } = await sql<{ jit: string; workers: string; mem: string; ahead: string }>`select current_setting('jit') as jit,
        current_setting('max_parallel_workers_per_gather') as workers, current_setting('work_mem') as mem,
        current_setting('effective_io_concurrency') as ahead`.execute(db);
      expect(rows[0]).toEqual({ jit: 'off', workers: '0', mem: '32MB', ahead: '32' });
    } finally {
      await db.destroy();
    }
  });
});
