import type { FastifyInstance } from 'fastify';
import type { SourceKind } from '@himatch/core';
import type { SourceRow } from '@himatch/db';

type JsonObject = SourceRow['config'];
import { parseSourceConfig } from '@himatch/sources';
import type { RouteContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { obj, uuidParams, withErrors } from '../schemas.ts';
import { createSourceBody, crawlStartedSchema, healthSchema, patchSourceBody, runsSchema, sourceSchema } from './source-schemas.ts';

const OPERATORS = ['operator'] as const;
const SECRET_KEY = /key|secret|token|password/i;

/** Source configs may hold credentials (a USAJOBS API key): they never leave in a response. */
export function redactConfig(config: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, SECRET_KEY.test(k) && typeof v === 'string' ? '[redacted]' : v]));
}

const view = (s: SourceRow) => ({ ...s, config: redactConfig(s.config) });

export function healthOf(s: SourceRow, now = new Date()) {
  return {
    consecutiveFailures: s.consecutiveFailures, cooldownUntil: s.cooldownUntil, coolingDown: s.cooldownUntil !== null && s.cooldownUntil > now,
    lastError: s.lastError, lastFailureAt: s.lastFailureAt, lastSuccessAt: s.lastSuccessAt, enabled: s.enabled,
  };
}

const validConfig = (kind: SourceKind, config: unknown) => parseSourceConfig(kind, config) as JsonObject;

export function sourceRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const sources = ctx.repos.sources;
  const load = async (id: string) => (await sources.getById(id)) ?? Promise.reject(notFound('source'));
  const byId = { config: { access: OPERATORS }, schema: { tags: ['operators'], params: uuidParams } } as const;

  app.post('/sources', {
    config: { access: OPERATORS },
    schema: { tags: ['operators'], summary: 'Register a source (config checked by its adapter)', body: createSourceBody, response: withErrors({ 201: sourceSchema }) },
  }, async (request, reply) => {
    const body = request.body as { kind: SourceKind; name: string; config: unknown; cron?: string | null; enabled: boolean };
    const config = validConfig(body.kind, body.config);
    const created = await sources.create({ kind: body.kind, name: body.name, config, cron: body.cron ?? null, enabled: body.enabled, politeness: {} });
    return reply.code(201).send(view(created));
  });

  app.get('/sources', {
    config: { access: OPERATORS },
    schema: { tags: ['operators'], summary: 'Every source with its health', response: withErrors({ 200: obj({ sources: { type: 'array', items: sourceSchema } }) }) },
  }, async () => ({ sources: (await sources.list()).map(view) }));

  app.get('/sources/:id', { ...byId, schema: { ...byId.schema, summary: 'One source', response: withErrors({ 200: sourceSchema }) } },
    async (request) => view(await load((request.params as { id: string }).id)));

  app.patch('/sources/:id', {
    ...byId, schema: { ...byId.schema, summary: 'Edit name, config, cron or enabled', body: patchSourceBody, response: withErrors({ 200: sourceSchema }) },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const body = request.body as { name?: string; config?: unknown; cron?: string | null; enabled?: boolean };
    const current = await load(id);
    const config = body.config === undefined ? undefined : validConfig(current.kind, body.config);
    if (body.enabled !== undefined) await sources.setEnabled(id, body.enabled);
    const updated = await sources.update(id, { name: body.name, config, cron: body.cron });
    return view(updated ?? (await load(id)));
  });

  app.delete('/sources/:id', {
    ...byId, schema: { ...byId.schema, summary: 'Delete a source, its runs and listings', response: withErrors({ 204: { type: 'null' } }) },
  }, async (request, reply) => {
    if (!(await sources.delete((request.params as { id: string }).id))) throw notFound('source');
    return reply.code(204).send();
  });

  for (const [action, enabled] of [['pause', false], ['resume', true]] as const) {
    app.post(`/sources/:id/${action}`, {
      ...byId, schema: { ...byId.schema, summary: `${action === 'pause' ? 'Pause' : 'Resume'} scheduled crawls`, response: withErrors({ 200: sourceSchema }) },
    }, async (request) => {
      const { id } = request.params as { id: string };
      if (!(await sources.setEnabled(id, enabled))) throw notFound('source');
      return view(await load(id));
    });
  }

  app.post('/sources/:id/crawl', {
    ...byId, schema: { ...byId.schema, summary: 'Crawl now: start a run and enqueue crawl.source', response: withErrors({ 202: crawlStartedSchema }) },
  }, async (request, reply) => {
    const source = await load((request.params as { id: string }).id);
    const run = await ctx.repos.crawlRuns.start(source.id);
    const jobId = await ctx.producer.enqueue('crawl.source', { sourceId: source.id, runId: run.id });
    return reply.code(202).send({ runId: run.id, jobId });
  });

  app.get('/sources/:id/runs', {
    ...byId,
    schema: {
      ...byId.schema, summary: 'Crawl-run history with counts, errors and recorded failures, and the source health',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
      response: withErrors({ 200: runsSchema }),
    },
  }, async (request) => {
    const source = await load((request.params as { id: string }).id);
    const runs = await ctx.repos.crawlRuns.listForSource(source.id, (request.query as { limit: number }).limit);
    const failures = await ctx.ops.failuresOfRuns(runs.map((r) => r.id));
    return { health: healthOf(source), runs: runs.map((r) => ({ ...r, failures: failures.filter((f) => f.runId === r.id) })) };
  });

  app.get('/sources/:id/health', { ...byId, schema: { ...byId.schema, summary: 'Consecutive failures, cooldown, last error', response: withErrors({ 200: healthSchema }) } },
    async (request) => healthOf(await load((request.params as { id: string }).id)));
}
