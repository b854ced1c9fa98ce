import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import type { DB } from './schema.generated.ts';

/** Absolute path of the folder holding the timestamp-prefixed migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface CreateDbOptions {
  /** Pool size; small by default because two test files and several workers share one server. */
  max?: number;
  /**
   * Errors of idle pooled connections (server restart, a terminated backend). The pool drops
   * such a connection and opens another on next use; without a listener Node would crash.
   */
  onIdleError?: (error: Error) => void;
  /**
   * Run parameterized statements as named prepared statements, so Postgres parses each
   * distinct statement once per connection instead of on every call. For the workers'
   * hot paths (a handful of statements run per posting); not for ad-hoc search SQL, whose
   * plans should follow each request's parameters.
   */
  prepareStatements?: boolean;
}

const NUMERIC_OID = 1700;

// The generated types say numeric columns (annual salary) are numbers: parse them so, per pool
// rather than globally, so other pg users in the process keep their defaults.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === NUMERIC_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createDb(databaseUrl: string, opts: CreateDbOptions = {}): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: databaseUrl, max: opts.max ?? 5, types,
    // Session settings for statements that are all short (found with the search and match benches):
    // - JIT compiles any statement the planner costs above 100,000, which a search or pre-filter
    //   over a million listings often is: 20-30 ms of compiling for queries of tens of ms;
    // - parallel workers: on two cores serving concurrent requests, a newest-first walk split
    //   over three processes waited on the slowest (57-99 ms instead of 44);
    // - 4 MB of work_mem turned a bitmap of 80,000 text matches lossy, so Postgres rechecked
    //   every row of 11,000 pages (a text + credential search 92-144 ms instead of 45);
    // - a bitmap read of table pages outside memory asks for the next 32 ahead (the default asks
    //   for one): 8,000 pages of a text + state search read cold in 0.8 s instead of 1.2-1.6 s.
    options: '-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=32MB -c effective_io_concurrency=32',
  });
  pool.on('error', opts.onIdleError ?? (() => {}));
  if (opts.prepareStatements) pool.on('connect', (client) => preparingClient(client));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase()] });
}

// Statements prepared per connection at most: a statement text built with a variable number of
// parameters (an `in` list) is a new statement, so the set is capped and the rest run unnamed.
const MAX_PREPARED_PER_CONNECTION = 200;
// A prepared statement is planned per call for its first five calls; then Postgres keeps a
// generic plan when that is no dearer (planning was ~40% of the workers' server time when every
// call was planned). A cached plan is only remade when the tables' statistics change, and a
// server without autovacuum never changes them: a plan made while a table was empty would
// scan it whole forever. So each statement is prepared afresh after 64, 128, 256 ... calls on
// its connection (at most every 8,192), and its plans follow the tables as they grow.
const FIRST_REPLAN_AFTER = 64;
const MAX_REPLAN_AFTER = 8_192;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `himatch_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (statementNames.size < 10_000) statementNames.set(text, name);
  }
  return name;
}

interface PreparedStatement { generation: number; calls: number; replanAfter: number }

/** Routes the client's parameterized text queries through named prepared statements. */
function preparingClient(client: pg.PoolClient): void {
  const prepared = new Map<string, PreparedStatement>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || args.length > 2) return query(...args);
    const name = statementName(text);
    let statement = prepared.get(name);
    if (!statement) {
      if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return query(...args);
      statement = { generation: 0, calls: 0, replanAfter: FIRST_REPLAN_AFTER };
      prepared.set(name, statement);
    }
    if (statement.calls >= statement.replanAfter) {
      // Queries on one client run in order: the old statement is gone before the new one is parsed.
      (query(`deallocate "${name}_${statement.generation}"`) as Promise<unknown>).catch(() => {});
      statement.generation += 1;
      statement.calls = 0;
      statement.replanAfter = Math.min(statement.replanAfter * 2, MAX_REPLAN_AFTER);
    }
    statement.calls += 1;
    return query({ name: `${name}_${statement.generation}`, text, values });
  };
}

/** Renames identifiers only: jsonb documents (source config, listings) keep their own keys. */
export function camelCase(): CamelCasePlugin {
  return new CamelCasePlugin({ maintainNestedObjectKeys: true });
}

export async function closeDb(db: Kysely<unknown>): Promise<void> {
  await db.destroy();
}

/** Migration file names (sorted), for fingerprinting a migration set. */
export async function listMigrationFiles(): Promise<string[]> {
  const names = await fs.readdir(migrationsFolder);
  return names.filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts') && !n.includes('.test.')).sort();
}

/** The database name in a postgres:// URL. */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name) throw new Error('database URL names no database');
  return name;
}

/** The same server's URL with another database name. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

// 42P04 duplicate_database; 23505 when two sessions race on the pg_database catalog.
const ALREADY_EXISTS = new Set(['42P04', '23505']);

/** Creates the URL's database through the `postgres` maintenance database unless it exists. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  // Connecting first keeps the common case working where the maintenance db is off limits.
  if (await databaseAnswers(databaseUrl)) return false;
  const name = databaseNameOf(databaseUrl);
  const client = new pg.Client({ connectionString: withDatabaseName(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
    return true;
  } catch (err) {
    if (ALREADY_EXISTS.has((err as { code?: string }).code ?? '')) return false;
    throw err;
  } finally {
    await client.end();
  }
}

/** True when the database accepts a connection; false only when it does not exist (3D000). */
async function databaseAnswers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === '3D000') return false;
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

function createMigrator(db: Kysely<unknown>): Migrator {
  const provider = new FileMigrationProvider({
    fs,
    path,
    migrationFolder: migrationsFolder,
    // Node strips the types itself; a file URL keeps absolute paths unambiguous.
    import: (file) => import(pathToFileURL(file).href),
    onFileIgnored: () => {},
  });
  // Engineers add migrations in parallel (each takes a timestamp range), so a database may
  // have applied a later-numbered one first. Our migrations touch disjoint objects, so they
  // may run out of order; each still runs exactly once.
  return new Migrator({ db, provider, allowUnorderedMigrations: true });
}

/** Creates the database if needed, then applies every pending migration. */
export async function migrateToLatest(databaseUrl: string): Promise<{ applied: string[] }> {
  await ensureDatabase(databaseUrl);
  // Migrations run without the CamelCasePlugin: they speak snake_case SQL directly.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // pool.end() resolves before sockets close; a database dropped right after must not crash us.
  pool.on('error', () => {});
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { error, results } = await createMigrator(db).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
    }
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  } finally {
    await db.destroy();
  }
}
