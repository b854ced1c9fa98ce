// Test harness: the real services as real processes against a test database and Redis prefix.
import { createDb, createRepositories, type DB, type Repositories } from '@himatch/db';
import { createProducer, createRedisConnection, closeRedisConnection, type Producer } from '@himatch/queue';
import type { Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import { freePort, startService, waitForHttp, type ServiceName, type ServiceProcess } from '../src/processes.ts';
import { startRuns, upsertSource, waitForPipeline, type SourceSpec } from '../src/pipeline.ts';

export interface Stack {
  boardsUrl: string;
  port: number;
  db: Kysely<DB>;
  repos: Repositories;
  redis: Redis;
  producer: Producer;
  services: Map<ServiceName, ServiceProcess>;
  workerEnv: Record<string, string>;
  startBoards(generation: number): Promise<void>;
  start(name: ServiceName, extraEnv?: Record<string, string>): ServiceProcess;
  boards(): Promise<SourceSpec[]>;
  crawlAll(timeoutMs?: number): Promise<string[]>;
  startCrawl(): Promise<string[]>;
  waitFor(runIds: string[], timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function createStack(opts: { databaseUrl: string; redisUrl: string; prefix: string; count: number; workerEnv?: Record<string, string>; boardsPort?: number; boardsEnv?: Record<string, string> }): Promise<Stack> {
  // Stacks that share one boards process (boardsPort) see the same URLs, so their rows compare equal.
  const port = opts.boardsPort ?? (await freePort());
  const boardsUrl = `http://127.0.0.1:${port}`;
  const db = createDb(opts.databaseUrl);
  const repos = createRepositories(db);
  const redis = createRedisConnection(opts.redisUrl, { role: 'worker' });
  const producer = createProducer({ connection: redis, prefix: opts.prefix });
  const services = new Map<ServiceName, ServiceProcess>();
  const workerEnv = {
    DATABASE_URL: opts.databaseUrl, REDIS_URL: opts.redisUrl, QUEUE_PREFIX: opts.prefix, LOG_LEVEL: 'warn',
    ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port}`, MIN_GAP_MS: '0', WORKER_LOCK_MS: '5000', WORKER_STALLED_INTERVAL_MS: '1000',
    ...opts.workerEnv,
  };
  const stack: Stack = {
    boardsUrl, port, db, repos, redis, producer, services, workerEnv,
    async startBoards(generation) {
      await services.get('demo-boards')?.stop();
      const boards = startService('demo-boards', {
        PORT: String(port), HOST: '127.0.0.1', BASE_URL: boardsUrl, COUNT: String(opts.count), GENERATION: String(generation), SLOW_MS: '200',
        ...opts.boardsEnv,
      });
      services.set('demo-boards', boards);
      await waitForHttp(`${boardsUrl}/_boards`, 20_000, boards);
    },
    start(name, extraEnv = {}) {
      const service = startService(name, { ...workerEnv, ...extraEnv });
      services.set(name, service);
      return service;
    },
    async boards() {
      const body = (await (await fetch(`${boardsUrl}/_boards`)).json()) as { boards: SourceSpec[] };
      return body.boards;
    },
    async startCrawl() {
      const sources = [];
      for (const spec of await stack.boards()) sources.push(await upsertSource(repos, spec));
      return startRuns(repos, producer, sources.map((s) => s.id));
    },
    async waitFor(runIds, timeoutMs = 90_000) {
      await waitForPipeline(repos, redis, opts.prefix, runIds, {
        timeoutMs,
        onProgress: () => {
          for (const s of services.values()) {
            if (s.child.exitCode !== null && s.child.signalCode === null) throw new Error(`${s.name} died (${s.child.exitCode}):\n${s.tail.join('\n')}`);
          }
        },
      });
    },
    async crawlAll(timeoutMs = 90_000) {
      const runIds = await stack.startCrawl();
      await stack.waitFor(runIds, timeoutMs);
      return runIds;
    },
    async stop() {
      await Promise.all([...services.values()].map((s) => s.stop()));
      await producer.close();
      await closeRedisConnection(redis);
      await db.destroy();
    },
  };
  return stack;
}

export interface TruthRef { board: string; kind: string; externalId: string; url: string }
export interface TruthPosting { id: string; title: string; truth: { isHit: boolean }; refs: TruthRef[] }
export interface Truth { postings: TruthPosting[]; dropped: string[]; changed: string[]; malformed: { url: string }[] }

export async function fetchTruth(stack: Stack): Promise<Truth> {
  return (await (await fetch(`${stack.boardsUrl}/_truth`)).json()) as Truth;
}

/** (source name, external id) -> the raw posting's status and the listing's content, for comparisons. */
export async function snapshot(db: Kysely<DB>): Promise<Map<string, { rawHash: string; status: string; reason: string | null; listingHash: string | null; listingStatus: string | null }>> {
  const rows = await db
    .selectFrom('rawPosting')
    .innerJoin('source', 'source.id', 'rawPosting.sourceId')
    .leftJoin('listing', (j) => j.onRef('listing.sourceId', '=', 'rawPosting.sourceId').onRef('listing.externalId', '=', 'rawPosting.externalId'))
    .select(['source.name', 'rawPosting.externalId', 'rawPosting.contentHash as rawHash', 'rawPosting.status', 'rawPosting.reason', 'listing.contentHash as listingHash', 'listing.status as listingStatus'])
    .execute();
  return new Map(rows.map((r) => [`${r.name}|${r.externalId}`, { rawHash: r.rawHash, status: r.status, reason: r.reason, listingHash: r.listingHash, listingStatus: r.listingStatus }]));
}
