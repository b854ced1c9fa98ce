import { runSearchBench } from '@himatch/api';
import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';
import type { Bench } from './bench.ts';
import { intFlag } from './command.ts';

// `himatch bench search`: N listings seeded in SQL into their own database (kept for the next
// run unless --reseed), then a steady rate of GET /listings through the real HTTP API.

async function benchSearch(ctx: CliContext, values: Record<string, unknown>): Promise<void> {
  const report = await runSearchBench({
    databaseUrl: ctx.config.DATABASE_URL,
    redisUrl: ctx.config.REDIS_URL,
    listings: intFlag(values.listings ?? 1_000_000, '--listings', 1000, 10_000_000),
    reseed: values.reseed === true,
    durationSeconds: intFlag(values.duration ?? 30, '--duration', 1, 3600),
    rate: intFlag(values.rate ?? 10, '--rate', 1, 1000),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const row = (name: string, l: typeof report.withoutFacets) => [name, l.requests, l.errors, l.p50, l.p95, l.p99, l.max];
  ctx.print(
    () => [
      `${report.listings.toLocaleString('en-US')} listings (${report.seeded ? `seeded in ${report.seedSeconds} s` : 'already seeded'}), ${report.queries} queries, ${report.rate} req/s`,
      formatTable(['phase', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [row('without facets', report.withoutFacets), row('with facets', report.withFacets)]),
      '',
      'slowest requests:',
      ...report.slowest.map((s) => `  ${s.ms} ms  ${s.query}`),
      ...(values['per-query'] === true
        ? ['', formatTable(['query (median of its requests)', 'ms', 'ms with facets'], report.perQuery.map((q) => [q.query, q.withoutFacetsMs, q.withFacetsMs]))]
        : []),
    ].join('\n'),
    report,
  );
}

/** `himatch bench search`. */
export const BENCH_SEARCH: Record<string, Bench> = {
  search: {
    summary: 'seed N listings (default 1,000,000) and time GET /listings at a steady rate, with and without facets (--per-query: each query\'s median)',
    options: { listings: { type: 'string' }, reseed: { type: 'boolean' }, duration: { type: 'string' }, rate: { type: 'string' }, 'per-query': { type: 'boolean' } },
    run: benchSearch,
  },
};
