import { randomUUID } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { apiKeyPrefix } from '@himatch/core';
import { installAuth, presentedKey } from './auth.ts';
import { routeContext, type ApiDeps } from './context.ts';
import { installErrorHandlers } from './errors.ts';
import { installMetrics } from './metrics.ts';
import { mountQueueDashboard } from './queue-dashboard.ts';
import { adminLoginRoutes } from './routes/admin-login.ts';
import { candidateRoutes } from './routes/candidates.ts';
import { healthRoutes } from './routes/health.ts';
import { keyRoutes } from './routes/keys.ts';
import { listingRoutes } from './routes/listings.ts';
import { marketRoutes } from './routes/market.ts';
import { queueRoutes } from './routes/queues.ts';
import { savedSearchRoutes } from './routes/saved-searches.ts';
import { sourceRoutes } from './routes/sources.ts';

export type { ApiDeps } from './context.ts';

/** Query keys that take several values: repeated (`role=a&role=b`) or comma-separated (`role=a,b`). */
const MULTI_KEYS = new Set(['role', 'state', 'workMode', 'employmentType', 'facets']);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function parseQueryString(text: string): Record<string, unknown> {
  const parsed = parseQuery(text) as Record<string, string | string[]>;
  for (const key of MULTI_KEYS) {
    const value = parsed[key];
    if (value !== undefined) parsed[key] = [value].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  }
  return parsed;
}

/** The app over injected connections; the caller listens (main.ts) or injects (tests), then closes. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const ctx = routeContext(deps);
  const loggerInstance: FastifyBaseLogger | undefined = deps.logger || undefined;
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    // request.ip is the forwarded client only behind a configured proxy (TRUST_PROXY).
    trustProxy: deps.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { querystringParser: parseQueryString },
    bodyLimit: 256 * 1024,
    // Unknown keys are errors (not silently dropped); query strings coerce to the declared types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false, strict: false } },
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  installErrorHandlers(app);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('himatchRoutes', routes);

  await app.register(swagger, {
    openapi: {
      info: { title: 'himatch API', version: '0.1.0', description: 'Recruiter search, operator control and candidate matches for HIT jobs.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'hm_<prefix>_<secret>' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
  });
  await app.register(rateLimit, {
    global: true,
    max: deps.rateLimit?.max ?? 600,
    timeWindow: deps.rateLimit?.windowMs ?? 60_000,
    redis: deps.redis,
    nameSpace: `${deps.queuePrefix}:ratelimit:`,
    // Per key (its public prefix), else per client address; health checks are never limited.
    keyGenerator: (request) => {
      const key = presentedKey(request);
      const prefix = key ? apiKeyPrefix(key) : null;
      return prefix ? `key:${prefix}` : `ip:${request.ip}`;
    },
    allowList: (request) => request.routeOptions.url === '/health',
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, error: 'rate_limited', message: `rate limit exceeded; retry in ${context.after}` }),
  });
  installAuth(app, deps.repos.apiKeys, ctx.sessionSecret, {
    redis: deps.redis, prefix: deps.queuePrefix, max: deps.authFailures?.max ?? 30, windowMs: deps.authFailures?.windowMs ?? 600_000,
  });
  // After the auth hooks, so its routes get their (public) access declaration too.
  await app.register(swaggerUi, { routePrefix: '/docs' });

  healthRoutes(app, ctx);
  listingRoutes(app, ctx);
  marketRoutes(app, ctx);
  sourceRoutes(app, ctx);
  queueRoutes(app, ctx);
  keyRoutes(app, ctx);
  candidateRoutes(app, ctx);
  savedSearchRoutes(app, ctx);
  installMetrics(app, ctx);
  await adminLoginRoutes(app, ctx);
  await mountQueueDashboard(app, ctx);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its options (the access test enumerates them). */
    himatchRoutes: RouteOptions[];
  }
}
