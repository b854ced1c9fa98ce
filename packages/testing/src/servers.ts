import { existsSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { withDatabaseName } from '@himatch/db';

// Finds the Postgres / Redis servers tests use: a given URL, else the local default, else a
// throwaway container where a Docker engine answers. Resolved once per test worker process.

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';

let postgresServer: Promise<string> | undefined;
let redisServer: Promise<string> | undefined;

/** A URL of the `postgres` maintenance database on the server tests should use. */
export function postgresServerUrl(): Promise<string> {
  postgresServer ??= resolvePostgres();
  return postgresServer;
}

/** The Redis URL tests should use. */
export function redisServerUrl(): Promise<string> {
  redisServer ??= resolveRedis();
  return redisServer;
}

async function resolvePostgres(): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given) return withDatabaseName(given, 'postgres');
  if (await postgresAnswers(LOCAL_POSTGRES)) return LOCAL_POSTGRES;
  if (dockerEngineAnswers()) return startPostgresContainer();
  throw new Error(
    'No Postgres for tests: set DATABASE_URL, or start Postgres on 127.0.0.1:5432 with trust auth for user postgres ' +
      '(Debian: apt-get install postgresql && pg_ctlcluster 15 main start), or run a Docker engine for testcontainers.',
  );
}

async function resolveRedis(): Promise<string> {
  const given = process.env.REDIS_URL;
  if (given) return given;
  if (await portAnswers('127.0.0.1', 6379)) return LOCAL_REDIS;
  if (dockerEngineAnswers()) return startRedisContainer();
  throw new Error(
    'No Redis for tests: set REDIS_URL, or start Redis on 127.0.0.1:6379 ' +
      '(Debian: apt-get install redis-server && redis-server --daemonize yes --bind 127.0.0.1 --port 6379), or run a Docker engine.',
  );
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function dockerEngineAnswers(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

// testcontainers is imported only here, so a machine without Docker never loads it.
async function startPostgresContainer(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
}

async function startRedisContainer(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7')
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
    .start();
  return `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
}
