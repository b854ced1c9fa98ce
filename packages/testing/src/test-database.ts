import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { createDb, listMigrationFiles, migrateToLatest, migrationsFolder, withDatabaseName, type DB } from '@himatch/db';
import { postgresServerUrl } from './servers.ts';

export interface TestDatabase {
  url: string;
  db: Kysely<DB>;
  /** A property, so `afterAll(t.drop)` works. */
  drop: () => Promise<void>;
}

// One key for every himatch test process on the server: template creation and cloning are
// serialized, because CREATE DATABASE ... TEMPLATE fails while anyone is connected to it.
const TEMPLATE_LOCK_KEY = 0x68696d61; // "hima"

const readyTemplates = new Set<string>();

/** `himatch_tpl_<hash>`: one template per migration set, so a changed migration gets a new one. */
export async function templateDatabaseName(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await listMigrationFiles()) {
    hash.update(name).update('\0').update(await readFile(path.join(migrationsFolder, name))).update('\0');
  }
  return `himatch_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = await postgresServerUrl();
  const template = await templateDatabaseName();
  // The creation time in the name lets a later run drop what a crashed one left behind.
  const name = `himatch_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    if (!readyTemplates.has(template)) {
      // Idempotent: also finishes a template a crashed process left half-migrated.
      await migrateToLatest(withDatabaseName(adminUrl, template));
      readyTemplates.add(template);
    }
    await admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`);
    await dropAbandoned(admin);
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]).catch(() => {});
    await admin.end();
  }
  const url = withDatabaseName(adminUrl, name);
  const db = createDb(url, { max: 4 });
  let dropped = false;
  return {
    url,
    db,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.destroy();
      await dropDatabase(adminUrl, name);
    },
  };
}

const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;

/** Test databases older than any test run could be are leftovers of killed processes. */
async function dropAbandoned(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'himatch\\_test\\_%'`);
  for (const { datname } of rows) {
    const created = parseInt(/^himatch_test_([0-9a-z]+)_[0-9a-f]+$/.exec(datname)?.[1] ?? '', 36);
    if (Number.isFinite(created) && Date.now() - created > ABANDONED_AFTER_MS) {
      await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    }
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // FORCE terminates sessions a test left open (a pool it created itself, say).
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await admin.end();
  }
}
