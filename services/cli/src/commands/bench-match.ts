// `himatch bench match`: (a) one candidate's top 50 out of a million stored listings — the
// candidate-side pre-filter (PlausibleListingRepository) plus rankBounded (rankReachable) — p50/p95
// over many candidates; (b) reverse matching of new listings against 100,000 profiles in
// memory (buildProfileIndex + matchListingForAlerts), split over worker threads; (c) gap
// analysis for the first 20 candidates.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { createDb, createRepositories, migrateToLatest, withDatabaseName, type Repositories } from '@himatch/db';
import { gapAnalysis, gapFilter, rankReachable, type ListingWithId } from '@himatch/matcher';
import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';
import type { Bench } from './bench.ts';
import { intFlag } from './command.ts';
import { benchProfiles, seedListings } from './bench-match-data.ts';

const BENCH_DB = 'himatch_bench_match';
const NOW = new Date('2026-11-25T00:00:00Z');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function ensureListings(repos: Repositories, db: ReturnType<typeof createDb>, count: number, reseed: boolean): Promise<{ seededSeconds: number | null }> {
  const source = await repos.sources.getByName('bench-match');
  const sourceId = source?.id ?? (await repos.sources.create({ kind: 'rss', name: 'bench-match' })).id;
  const have = (await sql<{ n: number }>`select count(*)::int as n from listing where source_id = ${sourceId}`.execute(db)).rows[0]!.n;
  // A seed interrupted before its indexes were rebuilt is not a finished seed.
  const indexed = (await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'listing_open_sites_idx'`.execute(db)).rows[0]!.n;
  // Seeded before listings had several sites.
  const multiSite = (await sql<{ n: number }>`select count(*)::int as n from (select 1 from listing where site_count > 1 limit 1) s`.execute(db)).rows[0]!.n;
  // Listings seeded before match documents existed are seeded again.
  const documented = (await sql<{ n: number }>`select count(match_doc)::int as n from (select match_doc from listing where source_id = ${sourceId} limit 1000) s`.execute(db)).rows[0]!.n;
  if (have === count && indexed === 1 && multiSite === 1 && documented > 0 && !reseed) return { seededSeconds: null };
  const t0 = performance.now();
  await sql`truncate listing cascade`.execute(db);
  // Bulk load without the secondary indexes, then rebuild them from their own definitions.
  const indexes = (await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename = 'listing' and indexdef not like 'CREATE UNIQUE%'`.execute(db)).rows;
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  await seedListings(db, sourceId, count);
  for (const index of indexes) await sql.raw(index.def).execute(db);
  return { seededSeconds: (performance.now() - t0) / 1000 };
}

/** (a) Per candidate: pre-filter query + rank top 50. */
interface ForwardTimes { ms: number[]; sketchMs: number[]; fetchMs: number[]; rankMs: number[]; rows: number[]; read: number[] }

/**
 * (a) Per candidate, the way the matcher does it: the pre-filter's sketches (ids, roles, posting
 * times, sites from the indexes), then documents read best score bound first until the 50th
 * score beats every bound left (rankBounded). `sketchMs` is the sketch query, `fetchMs` reading
 * and parsing documents, `rankMs` the rest (bounds, scoring, the page's explanations).
 */
async function forward(repos: Repositories, candidates: number): Promise<ForwardTimes> {
  const t: ForwardTimes = { ms: [], sketchMs: [], fetchMs: [], rankMs: [], rows: [], read: [] };
  for (const { profile } of benchProfiles(candidates, 7)) {
    const t0 = performance.now();
    let t1 = t0;
    let fetchMs = 0;
    let rows = 0;
    const ranked = await rankReachable(profile, {
      sketches: async (filter) => {
        const sketches = await repos.plausibleListings.sketches(filter);
        t1 = performance.now();
        rows = sketches.length;
        return sketches;
      },
      documents: async (ids) => {
        const f0 = performance.now();
        const docs = await repos.plausibleListings.documents(ids);
        fetchMs += performance.now() - f0;
        return docs;
      },
    }, { now: NOW, limit: 50 });
    const t2 = performance.now();
    t.ms.push(t2 - t0);
    t.sketchMs.push(t1 - t0);
    t.fetchMs.push(fetchMs);
    t.rankMs.push(t2 - t1 - fetchMs);
    t.rows.push(rows);
    t.read.push(ranked.read);
  }
  return t;
}

/**
 * (c) Gap analysis per candidate as `GET /candidates/:id/gaps` answers it: the pre-filter without
 * its credential gate, then gapAnalysis over what it returns.
 */
async function gaps(repos: Repositories, candidates: number): Promise<{ ms: number[]; listings: number[] }> {
  const out = { ms: [] as number[], listings: [] as number[] };
  for (const { profile } of benchProfiles(candidates, 7)) {
    const t0 = performance.now();
    const listings = await repos.plausibleListings.forCandidate(gapFilter(profile, { now: NOW }));
    gapAnalysis(profile, listings, { now: NOW });
    out.ms.push(performance.now() - t0);
    out.listings.push(listings.length);
  }
  return out;
}

/** p50/p95 of the fetch and rank phases, for `--breakdown`. */
function breakdown(t: ForwardTimes): Record<string, number> {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [sketch, fetch, rank, rows, read] = [sorted(t.sketchMs), sorted(t.fetchMs), sorted(t.rankMs), sorted(t.rows), sorted(t.read)];
  return {
    sketchP50Ms: percentile(sketch, 50), sketchP95Ms: percentile(sketch, 95),
    fetchP50Ms: percentile(fetch, 50), fetchP95Ms: percentile(fetch, 95), rankP50Ms: percentile(rank, 50), rankP95Ms: percentile(rank, 95),
    plausibleRowsP95: percentile(rows, 95), documentsReadMedian: percentile(read, 50), documentsReadP95: percentile(read, 95),
  };
}

interface WorkerReport { indexMs: number; verdicts: number; alerts: number; matchMs: number }

/** (b) Reverse matching split over worker threads; wall time from "go" to the last "done". */
async function reverse(listings: ListingWithId[], profiles: number, workers: number): Promise<{ wallMs: number; reports: WorkerReport[] }> {
  const shares = Array.from({ length: workers }, (_, w) => listings.filter((_, i) => i % workers === w));
  const threads = shares.map((share) => new Worker(new URL('./bench-match-worker.ts', import.meta.url), {
    workerData: { profiles, seed: 5, listings: share, nowMs: NOW.getTime() },
  }));
  const next = (w: Worker) => new Promise<Record<string, number>>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  const ready = await Promise.all(threads.map(next));
  const t0 = performance.now();
  const done = threads.map(next);
  threads.forEach((w) => w.postMessage('go'));
  const finished = await Promise.all(done);
  const wallMs = performance.now() - t0;
  await Promise.all(threads.map((w) => w.terminate()));
  return { wallMs, reports: finished.map((f, i) => ({ indexMs: ready[i]!.indexMs!, verdicts: f.verdicts!, alerts: f.alerts!, matchMs: f.matchMs! })) };
}

async function run(ctx: CliContext, values: Record<string, unknown>): Promise<void> {
  const listingCount = intFlag(values.listings ?? 1_000_000, '--listings', 1000, 20_000_000);
  const profileCount = intFlag(values.profiles ?? 100_000, '--profiles', 1, 2_000_000);
  const candidates = intFlag(values.candidates ?? 100, '--candidates', 1, 100_000);
  const newListings = intFlag(values['new-listings'] ?? 1000, '--new-listings', 1, 100_000);
  const workers = intFlag(values.workers ?? 2, '--workers', 1, 64);
  const url = withDatabaseName(ctx.config.DATABASE_URL, BENCH_DB);
  await migrateToLatest(url);
  const db = createDb(url);
  try {
    const repos = createRepositories(db);
    const load0 = loadavg()[0]!;
    const { seededSeconds } = await ensureListings(repos, db, listingCount, values.reseed === true);
    // What autovacuum keeps in production (statistics, and the visibility map index-only scans
    // need); this machine's Postgres runs without it. Quick when nothing changed since the last.
    await sql`vacuum analyze listing`.execute(db);
    await forward(repos, Math.min(10, candidates)); // warm caches and the JIT
    const fwd = await forward(repos, candidates);
    const sorted = [...fwd.ms].sort((a, b) => a - b);
    const gap = await gaps(repos, Math.min(20, candidates));
    const gapMs = [...gap.ms].sort((a, b) => a - b);
    const sample = await sql<{ id: string; data: ListingWithId }>`select id, data from listing order by posted_at desc, id limit ${newListings}`.execute(db);
    const fresh = sample.rows.map((r): ListingWithId => ({ ...r.data, id: r.id }));
    const rev = await reverse(fresh, profileCount, workers);
    const verdicts = rev.reports.reduce((s, r) => s + r.verdicts, 0);
    const alerts = rev.reports.reduce((s, r) => s + r.alerts, 0);
    const figures = {
      listings: listingCount, seededSeconds, candidates, forwardP50Ms: percentile(sorted, 50), forwardP95Ms: percentile(sorted, 95), forwardMaxMs: sorted.at(-1)!,
      plausibleRowsMedian: [...fwd.rows].sort((a, b) => a - b)[Math.floor(fwd.rows.length / 2)]!,
      ...(values.breakdown === true ? breakdown(fwd) : {}),
      gapsCandidates: gap.ms.length, gapsP50Ms: percentile(gapMs, 50), gapsP95Ms: percentile(gapMs, 95),
      gapListingsMax: Math.max(...gap.listings),
      newListings, profiles: profileCount, workers, indexSeconds: Math.max(...rev.reports.map((r) => r.indexMs)) / 1000,
      reverseSeconds: rev.wallMs / 1000, verdicts, alerts, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cores: availableParallelism(), loadAvgBefore: load0, loadAvgAfter: loadavg()[0]!,
    };
    ctx.print(() => formatTable(['figure', 'value'], Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v ?? 'skipped (already seeded)'])), figures);
  } finally {
    await db.destroy();
  }
}

/** `himatch bench match`. */
export const BENCH_MATCH: Record<string, Bench> = {
  match: {
    summary: 'one candidate\'s top 50 of a million listings (p50/p95), gap analysis, and reverse matching of new listings against 100k profiles',
    options: {
      listings: { type: 'string' }, profiles: { type: 'string' }, candidates: { type: 'string' }, 'new-listings': { type: 'string' },
      workers: { type: 'string' }, reseed: { type: 'boolean' }, breakdown: { type: 'boolean' },
    },
    run,
  },
};
