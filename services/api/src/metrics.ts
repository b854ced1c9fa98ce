import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { getQueueCounts } from '@himatch/queue';
import type { RouteContext } from './context.ts';
import { TtlCache } from './ttl-cache.ts';

/**
 * Prometheus metrics of this process (HTTP) and of the fleet, read on scrape: job counts per
 * queue and state, open listings by role (a grouped count, cached), crawl runs by status and
 * the duration of each source's latest run. Fetch counts belong to the crawler process,
 * which would serve its own /metrics from the same kind of registry.
 */
export function installMetrics(app: FastifyInstance, ctx: RouteContext): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'himatch_api_' });
  const cache = new TtlCache<unknown>(Math.max(ctx.aggregateCacheMs ?? 15_000, 0), 10);
  const cached = <T>(key: string, load: () => Promise<T>) => cache.get(key, load) as Promise<T>;

  new Gauge({
    name: 'himatch_jobs', help: 'Jobs per queue and state', labelNames: ['queue', 'state'], registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of Object.entries(await getQueueCounts(ctx.redis, ctx.queuePrefix))) {
        for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'himatch_listings_open', help: 'Open listings by role (cached ~15 s)', labelNames: ['role'], registers: [registry],
    async collect() {
      this.reset();
      for (const r of await cached('roles', () => ctx.repos.listings.countByRole('open'))) this.set({ role: r.role ?? 'unknown' }, r.count);
    },
  });
  new Gauge({
    name: 'himatch_crawl_runs', help: 'Crawl runs by status', labelNames: ['status'], registers: [registry],
    async collect() {
      this.reset();
      for (const r of await cached('runs', () => ctx.ops.crawlRunsByStatus())) this.set({ status: r.status }, r.count);
    },
  });
  new Gauge({
    name: 'himatch_crawl_run_last_duration_seconds', help: 'Duration of the latest finished run per source', labelNames: ['source_id', 'status'], registers: [registry],
    async collect() {
      this.reset();
      const seen = new Set<string>();
      for (const r of await cached('durations', () => ctx.ops.recentRunDurations())) {
        if (seen.has(r.sourceId)) continue;
        seen.add(r.sourceId);
        this.set({ source_id: r.sourceId, status: r.status }, r.seconds);
      }
    },
  });

  const requests = new Counter({ name: 'himatch_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'himatch_http_request_duration_seconds', help: 'HTTP request durations', labelNames: ['method', 'route'], registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', {
    config: { access: ['operator'] },
    schema: { tags: ['operators'], summary: 'Prometheus text (operator key: scrape with a bearer token)', produces: ['text/plain'], response: { 200: { type: 'string' } } },
  }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return registry;
}
