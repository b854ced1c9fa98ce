import { performance } from 'node:perf_hooks';
import { migrateToLatest } from '@himatch/db';
import { rankListings } from '@himatch/matcher';
import { CITIES } from '@himatch/samples';
import type { CandidateProfile } from '@himatch/core';
import type { SourceRow } from '@himatch/db';
import type { CliContext } from '../context.ts';
import { portIsFree, startService, waitForHttp, type ServiceProcess } from '../processes.ts';
import { startRuns, upsertSource, waitForPipeline, type SourceSpec } from '../pipeline.ts';
import { pipelineReport } from '../report.ts';
import { createProgress } from '../progress.ts';
import { loadOpenListings } from '../stored-listings.ts';
import { formatTable } from '../table.ts';
import { describeMatch } from '../describe-match.ts';
import { UsageError } from '../profile-file.ts';

/**
 * `himatch demo`: migrate, start the sample boards and one process per worker service,
 * register every sample board as a source, crawl them all, wait for the queues to drain,
 * print what was stored and the top 10 listings for a sample candidate.
 */
export async function demoCommand(ctx: CliContext, args: { timeoutMs: number }): Promise<void> {
  const started = performance.now();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const { applied } = await migrateToLatest(ctx.config.DATABASE_URL);
  log(`database ready (${applied.length} migrations applied)`);

  const port = ctx.config.DEMO_BOARDS_PORT;
  if (!(await portIsFree(port))) throw new UsageError(`port ${port} is busy: stop what listens there or set DEMO_BOARDS_PORT`);
  const boardsUrl = `http://127.0.0.1:${port}`;
  const services: ServiceProcess[] = [];
  try {
    const boards = startService('demo-boards', { PORT: String(port), HOST: '127.0.0.1', BASE_URL: boardsUrl });
    services.push(boards);
    // The misbehaving quirk boards (429, slow, garbage) are exercised by the tests, not the demo.
    const { boards: specs } = (await (await waitForHttp(`${boardsUrl}/_boards`, 20_000, boards)).json()) as { boards: SourceSpec[] };
    log(`sample boards at ${boardsUrl}: ${specs.length} boards`);

    const workerEnv = {
      DATABASE_URL: ctx.config.DATABASE_URL, REDIS_URL: ctx.config.REDIS_URL, QUEUE_PREFIX: ctx.config.QUEUE_PREFIX,
      LOG_LEVEL: 'warn', ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port}`, MIN_GAP_MS: '0',
    };
    for (const name of ['crawler', 'normalizer', 'matcher'] as const) services.push(startService(name, workerEnv));
    log('workers started: crawler, normalizer, matcher');

    const sources: SourceRow[] = [];
    for (const spec of specs) sources.push(await upsertSource(ctx.repos, spec));
    const runIds = await startRuns(ctx.repos, ctx.producer, sources.map((s) => s.id));
    const progress = createProgress('crawling');
    await waitForPipeline(ctx.repos, ctx.redis, ctx.config.QUEUE_PREFIX, runIds, {
      timeoutMs: args.timeoutMs,
      onProgress: (p) => {
        const dead = services.find((s) => s.child.exitCode !== null);
        if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode}:\n${dead.tail.join('\n')}`);
        const q = p.queues;
        progress.update(p.runsFinished, p.runsTotal, `runs | ${p.pages} pages | ${p.postings} postings | queued: crawl ${q.crawler.waiting + q.crawler.active}, normalize ${q.normalizer.waiting + q.normalizer.active}, match ${q.matcher.waiting + q.matcher.active}`);
      },
    });
    progress.stop();

    const report = await pipelineReport(ctx.db);
    const runs = await Promise.all(runIds.map((id) => ctx.repos.crawlRuns.get(id)));
    const profile = sampleProfile();
    const listings = await loadOpenListings(ctx.repos);
    const top = rankListings(profile, listings, { limit: 10 });
    const byId = new Map(listings.map((l) => [l.id, l]));
    const wallSeconds = (performance.now() - started) / 1000;
    const stored = report.byRole.reduce((n, r) => n + r.count, 0);

    ctx.print(
      () => [
        '',
        'Crawl runs',
        formatTable(['source', 'status', 'pages', 'seen', 'new', 'changed', 'unchanged', 'closed', 'failed'],
          runs.map((r, i) => [sources[i]?.name, r?.status, r?.pages, r?.postingsSeen, r?.new, r?.changed, r?.unchanged, r?.closed, r?.failed])),
        '',
        'Open listings by role',
        formatTable(['role', 'listings'], report.byRole.map((r) => [r.role, r.count])),
        '',
        'By source',
        formatTable(['source', 'kind', 'listings', 'rejected (not HIT)', 'failed'], report.bySource.map((s) => [s.source, s.kind, s.listings, s.rejected, s.failed])),
        '',
        `Stored ${stored} open HIT listings in ${report.clusters.clusters} clusters (${report.clusters.multiSource} seen on several boards); rejected ${report.rejected} non-HIT postings; ${report.failed} postings and ${report.crawlFailures} pages/items failed with a recorded reason.`,
        report.topRejectReasons.length > 0 ? `Top reject reasons: ${report.topRejectReasons.map((r) => `${r.reason} (${r.count})`).join('; ')}` : '',
        '',
        `Top 10 for the sample candidate (RHIT, 2 years outpatient coding, ${profile.home?.city}, ${profile.home?.region}):`,
        formatTable(['#', 'eligibility', 'score', 'title', 'employer', 'why'],
          top.results.map((m, i) => [i + 1, m.eligibility, m.score, byId.get(m.listingId)?.title, byId.get(m.listingId)?.employer, describeMatch(m)])),
        '',
        `demo finished in ${wallSeconds.toFixed(1)} s`,
      ].join('\n'),
      { runs, report, top: top.results, wallSeconds, stored },
    );
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
}

/** The demo's sample candidate: an RHIT with two years of outpatient coding near Dallas. */
export function sampleProfile(): CandidateProfile {
  const home = CITIES.find((c) => c.city === 'Dallas') ?? CITIES[0]!;
  return {
    education: [{ level: 'associate', field: 'hit', cahiimAccredited: true, date: '2023-05-15', completed: true }],
    credentials: [{ id: 'RHIT', status: 'active', date: '2023-08-01' }],
    experience: [{ area: 'coder_outpatient', years: 2 }, { area: 'coding', years: 2 }],
    skills: ['ICD-10-CM', 'CPT', 'HCPCS'],
    home: { city: home.city, region: home.region, postalCode: home.postalCode, lat: home.lat, lon: home.lon },
    radiusMiles: 50,
    workModes: ['onsite', 'hybrid', 'remote'],
    desiredRoles: ['coder_outpatient', 'coder_profee', 'him_technician'],
    payFloor: { amount: 20, period: 'hour' },
    employmentTypes: ['full_time'],
    military: { branch: 'none', member: false },
    veteran: false,
    federalEmployee: false,
    alertThreshold: 0.6,
  };
}
