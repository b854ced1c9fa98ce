import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { createDb, createRepositories, migrateToLatest, withDatabaseName, type DB } from '@himatch/db';
import { createProducer, getQueueCounts } from '@himatch/queue';
import { getAdapter } from '@himatch/sources';
import type { FetchRequest } from '@himatch/core';
import type { CliContext } from '../context.ts';
import { freePort, startService, waitForHttp, type ServiceProcess } from '../processes.ts';
import { startRuns, upsertSource, type SourceSpec } from '../pipeline.ts';
import { formatTable } from '../table.ts';
import type { Bench } from './bench.ts';
import { intFlag } from './command.ts';

// `himatch bench ingest`: a large JSON-LD career site (demo-boards BENCH_SITE_COUNT) crawled
// end to end by real crawler and normalizer processes into a fresh database, against a bare
// loop in one process that only fetches and parses the same pages (the limit).

const BENCH_DB = 'himatch_bench_ingest';
const CLK_TCK = 100; // USER_HZ on Linux

interface ProcFigures { name: string; cpuSeconds: number; peakRssMb: number }

/** utime+stime (s) and VmHWM (MB) of a pid from /proc; null when it is gone or unreadable. */
function readProc(pid: number): { cpu: number; hwmMb: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return { cpu, hwmMb: hwm ? Number(hwm[1]) / 1024 : 0, comm };
  } catch {
    return null;
  }
}

/**
 * The Redis server and the Postgres backends serving the bench database (their process title
 * names it), so other clients of the same Postgres server are not counted.
 */
function serverPids(): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm.startsWith('redis-server')) found.set(Number(entry), 'redis-server');
      else if (comm.startsWith('postgres') && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${BENCH_DB} `)) found.set(Number(entry), 'postgres');
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/**
 * CPU and peak RSS of child processes and of the database/Redis servers over one phase. Server
 * processes are sampled while they live: a pooled Postgres connection closed when idle takes
 * its backend's CPU time with it.
 */
function createSampler(children: () => { name: string; pid: number }[], backendLabels: () => Promise<Map<number, string>> = () => Promise.resolve(new Map())) {
  const last = new Map<number, { name: string; cpu: number; hwmMb: number }>();
  const servers0 = new Map([...serverPids().keys()].map((pid) => [pid, readProc(pid)?.cpu ?? 0]));
  const servers = new Map<number, { label: string; app: string; cpu: number; hwmMb: number }>();
  let labels = new Map<number, string>();
  let sampledAt = -Infinity;
  const sample = async (force = false): Promise<void> => {
    for (const { name, pid } of children()) {
      const p = readProc(pid);
      if (p) last.set(pid, { name, cpu: p.cpu, hwmMb: p.hwmMb });
    }
    // Walking /proc and asking Postgres costs this process CPU: every 2 s is enough.
    if (!force && performance.now() - sampledAt < 2000) return;
    sampledAt = performance.now();
    labels = await backendLabels();
    for (const [pid, name] of serverPids()) {
      const p = readProc(pid);
      if (!p || labels.get(pid) === 'bench') continue; // gone, or this command's own connections
      const app = labels.get(pid) ?? servers.get(pid)?.app ?? 'other';
      const label = name === 'postgres' ? `postgres (${app} backends)` : 'redis-server (shared)';
      servers.set(pid, { label, app, cpu: p.cpu - (servers0.get(pid) ?? 0), hwmMb: p.hwmMb });
    }
  };
  return {
    sample,
    async figures(): Promise<ProcFigures[]> {
      await sample(true);
      const rows = [...last.values()].map((p) => ({ name: p.name, cpuSeconds: p.cpu, peakRssMb: p.hwmMb }));
      const byLabel = new Map<string, ProcFigures>();
      for (const s of servers.values()) {
        const row = byLabel.get(s.label) ?? { name: s.label, cpuSeconds: 0, peakRssMb: 0 };
        row.cpuSeconds += s.cpu;
        row.peakRssMb = Math.max(row.peakRssMb, s.hwmMb);
        byLabel.set(s.label, row);
      }
      return [...rows, ...byLabel.values()];
    },
  };
}

function withApplicationName(databaseUrl: string, app: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', app);
  return url.toString();
}

/** Backend pid -> the application name its client gave (bench-crawler, bench-normalizer, ...). */
async function backendApps(db: Kysely<DB>): Promise<Map<number, string>> {
  const { rows } = await sql<{ pid: number; app: string }>`select pid, application_name as app from pg_stat_activity where datname = ${BENCH_DB}`.execute(db);
  return new Map(rows.map((r) => [r.pid, r.app.replace(/^bench-/, '') || 'bench']));
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = createDb(withDatabaseName(serverUrl, 'postgres'));
  try {
    await sql`drop database if exists ${sql.id(BENCH_DB)} with (force)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = withDatabaseName(serverUrl, BENCH_DB);
  await migrateToLatest(url);
  return url;
}

/** The limit: fetch + adapter parse of every page, in this process, with a small concurrency. */
async function bareLoop(spec: SourceSpec, concurrency: number): Promise<{ postings: number; pages: number; seconds: number; cpuSeconds: number }> {
  const adapter = getAdapter(spec.kind);
  const config = adapter.configSchema.parse(spec.config);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let postings = 0;
  let pages = 0;
  const read = async (request: FetchRequest) => {
    const res = await fetch(request.url, { headers: { 'user-agent': 'himatch-bench/0.1' } });
    const body = await res.text();
    pages++;
    const result = adapter.parse({ request, url: request.url, status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body, notModified: false, etag: null, lastModified: null, fetchedAt: new Date().toISOString() }, config);
    postings += result.postings.length;
    return result.next;
  };
  let queue = adapter.start(config);
  while (queue.length > 0) {
    const next: FetchRequest[] = [];
    let i = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (i < queue.length) next.push(...(await read(queue[i++]!)));
    }));
    queue = next;
  }
  const cpu = process.cpuUsage(cpu0);
  return { postings, pages, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

interface PipelineFigures { postings: number; pages: number; listings: number; rejected: number; seconds: number; runStatus: string }

async function runPipeline(ctx: CliContext, dbUrl: string, prefix: string, spec: SourceSpec, onTick: () => Promise<void>): Promise<PipelineFigures> {
  const db = createDb(dbUrl);
  const repos = createRepositories(db);
  try {
    const source = await upsertSource(repos, spec);
    const producer = createProducer({ connection: ctx.redis, prefix });
    const t0 = performance.now();
    const [runId] = await startRuns(repos, producer, [source.id]);
    let lastLog = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      await onTick();
      // A running run's counts are summed from its pages: read them only for the progress line.
      const state = await db.selectFrom('crawlRun').select('finishedAt').where('id', '=', runId!).executeTakeFirst();
      const q = await getQueueCounts(ctx.redis, prefix);
      const queued = (c: typeof q.crawler) => c.waiting + c.active + c.delayed + (c.prioritized ?? 0);
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        const run = await repos.crawlRuns.get(runId!);
        process.stderr.write(`  ${Math.round(lastLog - t0) / 1000}s: ${run?.pages ?? 0} pages, ${run?.postingsSeen ?? 0} postings seen, ${queued(q.normalizer)} queued to normalize\n`);
      }
      // Counting pending raw postings scans the table: only once the crawl is over.
      if (!state?.finishedAt || queued(q.crawler) + queued(q.normalizer) > 0) continue;
      const pending = await db.selectFrom('rawPosting').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
      if (Number(pending.n) === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    await producer.close();
    const run = await repos.crawlRuns.get(runId!);
    const statuses = await db.selectFrom('rawPosting').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
    const count = (s: string) => Number(statuses.find((r) => r.status === s)?.n ?? 0);
    const listings = await db.selectFrom('listing').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { postings: statuses.reduce((n, r) => n + Number(r.n), 0), pages: run?.pages ?? 0, listings: Number(listings.n), rejected: count('rejected'), seconds, runStatus: run?.status ?? '?' };
  } finally {
    await db.destroy();
  }
}

async function clearPrefix(ctx: CliContext, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await ctx.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await ctx.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function benchIngest(ctx: CliContext, values: Record<string, unknown>): Promise<void> {
  const postings = intFlag(values['postings'] ?? '20000', '--postings', 1, 1_000_000);
  const crawlers = intFlag(values['crawlers'] ?? '1', '--crawlers', 1, 16);
  const normalizers = intFlag(values['normalizers'] ?? '1', '--normalizers', 1, 16);
  const crawlConcurrency = intFlag(values['crawl-concurrency'] ?? '32', '--crawl-concurrency', 1, 256);
  const normalizeConcurrency = intFlag(values['normalize-concurrency'] ?? '16', '--normalize-concurrency', 1, 256);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const prefix = `bench-ingest-${process.pid}-${Date.now()}`;
  const services: ServiceProcess[] = [];
  let labelDb: Kysely<DB> | null = null;
  // Ctrl-C stops the child processes too (the finally below does not run on a signal).
  const onSignal = (): void => void Promise.all(services.map((s) => s.stop())).finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  try {
    const dbUrl = await freshDatabase(ctx.config.DATABASE_URL);
    log(`fresh database ${BENCH_DB}; queue prefix ${prefix}`);
    const boards = startService('demo-boards', { PORT: String(port), HOST: '127.0.0.1', BASE_URL: base, BENCH_SITE_COUNT: String(postings), CRAWL_DELAY: '0' });
    services.push(boards);
    const spec = (await (await waitForHttp(`${base}/_bench`, 30_000, boards)).json()) as SourceSpec;

    log(`bare loop: fetch + parse ${postings} pages (concurrency 8)`);
    const bareSampler = createSampler(() => [{ name: 'demo-boards', pid: boards.child.pid ?? 0 }]);
    const bare = await bareLoop(spec, 8);
    const bareProcs = [{ name: 'bench (bare loop)', cpuSeconds: bare.cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }, ...(await bareSampler.figures())];

    const workerEnv = {
      REDIS_URL: ctx.config.REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn',
      ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port}`, POLITENESS_OFF_FOR_ALLOWLISTED: '1', MIN_GAP_MS: '0',
      CRAWL_CONCURRENCY: String(crawlConcurrency), NORMALIZE_CONCURRENCY: String(normalizeConcurrency),
      // --profile DIR: a V8 CPU profile per worker, written when it exits.
      ...(typeof values['profile'] === 'string' ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values['profile']}` } : {}),
    };
    const workers: { name: string; service: ServiceProcess }[] = [];
    // application_name tells the Postgres backends of crawlers and normalizers apart.
    const urlFor = (app: string) => withApplicationName(dbUrl, app);
    for (let i = 0; i < crawlers; i++) workers.push({ name: `crawler#${i + 1}`, service: startService('crawler', { ...workerEnv, DATABASE_URL: urlFor('bench-crawler') }) });
    for (let i = 0; i < normalizers; i++) workers.push({ name: `normalizer#${i + 1}`, service: startService('normalizer', { ...workerEnv, DATABASE_URL: urlFor('bench-normalizer') }) });
    services.push(...workers.map((w) => w.service));
    await new Promise((r) => setTimeout(r, 1500)); // let workers connect before the clock starts
    const labels = createDb(dbUrl, { max: 1 });
    labelDb = labels;
    const sampler = createSampler(
      () => [{ name: 'demo-boards', pid: boards.child.pid ?? 0 }, ...workers.map((w) => ({ name: w.name, pid: w.service.child.pid ?? 0 }))],
      () => backendApps(labels),
    );
    const cpuBoards0 = readProc(boards.child.pid ?? 0)?.cpu ?? 0;
    log(`pipeline: ${crawlers} crawler(s) x ${crawlConcurrency}, ${normalizers} normalizer(s) x ${normalizeConcurrency}`);
    const result = await runPipeline(ctx, dbUrl, prefix, spec, async () => {
      const dead = services.find((s) => s.child.exitCode !== null);
      if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode}:\n${dead.tail.join('\n')}`);
      await sampler.sample();
    });
    const procs = (await sampler.figures()).map((p) => (p.name === 'demo-boards' ? { ...p, cpuSeconds: p.cpuSeconds - cpuBoards0 } : p));
    report(ctx, { postings, crawlers, normalizers, crawlConcurrency, normalizeConcurrency }, bare, bareProcs, result, procs);
  } finally {
    process.off('SIGINT', onSignal);
    await labelDb?.destroy();
    await Promise.all(services.map((s) => s.stop()));
    await clearPrefix(ctx, prefix);
  }
}

function report(ctx: CliContext, params: Record<string, number>, bare: Awaited<ReturnType<typeof bareLoop>>, bareProcs: ProcFigures[], pipe: PipelineFigures, procs: ProcFigures[]): void {
  const rate = (n: number, s: number) => Math.round(n / s);
  const procRows = (rows: ProcFigures[]) => rows.map((p) => [p.name, Number(p.cpuSeconds.toFixed(1)), Math.round(p.peakRssMb)]);
  ctx.print(() => [
    '',
    formatTable(['phase', 'postings', 'pages', 'wall s', 'postings/s'], [
      ['bare loop (fetch + parse, 1 process)', bare.postings, bare.pages, Number(bare.seconds.toFixed(1)), rate(bare.postings, bare.seconds)],
      [`end to end (${pipe.runStatus}; ${pipe.listings} listings, ${pipe.rejected} rejected)`, pipe.postings, pipe.pages, Number(pipe.seconds.toFixed(1)), rate(pipe.postings, pipe.seconds)],
    ]),
    '',
    'bare loop processes',
    formatTable(['process', 'cpu s', 'peak rss MB'], procRows(bareProcs)),
    '',
    'end-to-end processes (Redis counts every client of the server)',
    formatTable(['process', 'cpu s', 'peak rss MB'], procRows(procs)),
  ].join('\n'), { params, bare: { ...bare, processes: bareProcs }, pipeline: { ...pipe, postingsPerSecond: pipe.postings / pipe.seconds, processes: procs } });
}

/** `himatch bench ingest`. */
export const BENCH_INGEST: Record<string, Bench> = {
  ingest: {
    summary: 'crawl a large JSON-LD site end to end into a fresh database; compare with a bare fetch+parse loop',
    options: {
      postings: { type: 'string' }, crawlers: { type: 'string' }, normalizers: { type: 'string' },
      'crawl-concurrency': { type: 'string' }, 'normalize-concurrency': { type: 'string' }, profile: { type: 'string' },
    },
    run: benchIngest,
  },
};
