import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { generateApiKey } from '@himatch/core';
import { createDb, createRepositories, migrateToLatest, withDatabaseName, type DB } from '@himatch/db';
import { closeRedisConnection, createProducer, createRedisConnection } from '@himatch/queue';
import { buildApp } from '../app.ts';
import { BENCH_QUERIES } from './queries.ts';
import { listingIndexDefinitions, seedRange } from './seed.ts';

export const BENCH_DATABASE = 'himatch_bench_search';
const SOURCE = 'bench';
const CHUNK = 50_000;
/** Bumped when the seed's data changes, so that an older bench database is seeded again. */
const SEED_VERSION = 2;
const ALL_FACETS = 'facets=role,state,workMode,employmentType,credential';

export interface SearchBenchOptions {
  databaseUrl: string;
  redisUrl: string;
  listings: number;
  reseed: boolean;
  durationSeconds: number;
  /** Requests started per second, on a fixed schedule (not waiting for answers). */
  rate: number;
  log: (line: string) => void;
}

export interface Latencies { requests: number; errors: number; p50: number; p95: number; p99: number; max: number }
export interface QueryLatency { query: string; withoutFacetsMs: number; withFacetsMs: number }
export interface SearchBenchReport {
  listings: number; seeded: boolean; seedSeconds: number; queries: number; rate: number; withoutFacets: Latencies; withFacets: Latencies;
  slowest: { query: string; ms: number }[];
  /** Each query's median in each phase, slowest first. */
  perQuery: QueryLatency[];
}

async function ensureSeeded(db: Kysely<DB>, o: SearchBenchOptions): Promise<{ seeded: boolean; seconds: number }> {
  const existing = await db.selectFrom('source').select(['id', 'config']).where('name', '=', SOURCE).executeTakeFirst();
  const count = existing ? (await sql<{ n: number }>`select count(*)::int as n from listing where source_id = ${existing.id}`.execute(db)).rows[0]?.n : 0;
  const sameSeed = (existing?.config as { seed?: number } | undefined)?.seed === SEED_VERSION;
  if (!o.reseed && count === o.listings && sameSeed) return { seeded: false, seconds: 0 };
  const started = performance.now();
  await sql`truncate listing, listing_cluster, crawl_run, source cascade`.execute(db);
  const source = await createRepositories(db).sources.create({ kind: 'greenhouse', name: SOURCE, config: { boardToken: 'bench', seed: SEED_VERSION }, cron: null, enabled: true, politeness: {} });
  const indexes = await listingIndexDefinitions(db);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  for (let from = 0; from < o.listings; from += CHUNK) {
    await seedRange(db, source.id, from, Math.min(o.listings, from + CHUNK), o.listings);
    o.log(`seeded ${Math.min(o.listings, from + CHUNK).toLocaleString('en-US')} / ${o.listings.toLocaleString('en-US')} listings`);
  }
  for (const index of indexes) {
    o.log(`building ${index.name}`);
    await sql.raw(index.definition).execute(db);
  }
  await sql`vacuum analyze listing`.execute(db);
  return { seeded: true, seconds: (performance.now() - started) / 1000 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/** Starts `rate` requests a second for the duration, round-robin over the queries; the latency of each. */
async function steady(base: string, key: string, queries: string[], o: SearchBenchOptions): Promise<{ latencies: Latencies; samples: { query: string; ms: number }[] }> {
  const samples: { query: string; ms: number }[] = [];
  let errors = 0;
  const total = Math.max(1, Math.round(o.durationSeconds * o.rate));
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const query = queries[i % queries.length]!;
    inflight.push((async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/listings?${query}`, { headers: { authorization: `Bearer ${key}` } });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
      samples.push({ query, ms: performance.now() - t0 });
    })());
  }
  await Promise.all(inflight);
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    latencies: { requests: samples.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
    samples,
  };
}

export async function runSearchBench(o: SearchBenchOptions): Promise<SearchBenchReport> {
  const url = withDatabaseName(o.databaseUrl, BENCH_DATABASE);
  await migrateToLatest(url);
  const db = createDb(url, { max: 12 });
  const redis = createRedisConnection(o.redisUrl, { role: 'producer', connectionName: 'himatch-bench-search' });
  const producer = createProducer({ connection: redis, prefix: 'himatch_bench_search' });
  try {
    const seed = await ensureSeeded(db, o);
    // The order index the search needs; see the report: it awaits a migration numbered after
    // the latest one (an earlier number is refused by databases that applied later ones).
    await sql`create index if not exists listing_status_posted_order_idx on listing (status, posted_at desc nulls last, id desc)`.execute(db);
    const repos = createRepositories(db);
    const generated = generateApiKey();
    await repos.apiKeys.create({ prefix: generated.prefix, hash: generated.hash, role: 'operator', label: 'bench search' });
    const app = await buildApp({
      db, repos, redis, producer, queuePrefix: 'himatch_bench_search', logger: false,
      rateLimit: { max: 1_000_000, windowMs: 60_000 }, aggregateCacheMs: 0,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const plain = BENCH_QUERIES;
      const faceted = BENCH_QUERIES.map((q) => `${q}&${ALL_FACETS}`);
      for (const q of [...plain, ...faceted]) await fetch(`${base}/listings?${q}`, { headers: { authorization: `Bearer ${generated.key}` } }).then((r) => r.arrayBuffer());
      o.log(`steady load: ${o.rate} req/s for ${o.durationSeconds} s without facets, then with facets`);
      const without = await steady(base, generated.key, plain, o);
      const withF = await steady(base, generated.key, faceted, o);
      // The slowest of each phase: faceted requests would otherwise hide the plain ones.
      const top = (samples: typeof without.samples) => [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5).map((s) => ({ query: s.query, ms: Math.round(s.ms) }));
      const slowest = [...top(without.samples), ...top(withF.samples)];
      const median = (samples: typeof without.samples, query: string) => {
        const ms = samples.filter((x) => x.query === query).map((x) => x.ms).sort((a, b) => a - b);
        return ms.length === 0 ? 0 : Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10;
      };
      const perQuery = plain.map((query, i) => ({ query, withoutFacetsMs: median(without.samples, query), withFacetsMs: median(withF.samples, faceted[i]!) }))
        .sort((a, b) => b.withFacetsMs + b.withoutFacetsMs - (a.withFacetsMs + a.withoutFacetsMs));
      return { listings: o.listings, seeded: seed.seeded, seedSeconds: Math.round(seed.seconds), queries: plain.length, rate: o.rate, withoutFacets: without.latencies, withFacets: withF.latencies, slowest, perQuery };
    } finally {
      await app.close();
    }
  } finally {
    await producer.close();
    await closeRedisConnection(redis);
    await db.destroy();
  }
}
