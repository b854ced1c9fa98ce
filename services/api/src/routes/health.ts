import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RouteContext } from '../context.ts';
import { obj, str } from '../schemas.ts';

export function healthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/health', {
    config: { access: 'public' },
    schema: {
      tags: ['health'], summary: 'Liveness and dependencies (public; rate limit exempt)',
      response: { 200: obj({ status: str, postgres: str, redis: str }), 503: obj({ status: str, postgres: str, redis: str }) },
    },
  }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([
      sql`select 1`.execute(ctx.db).then(() => 'ok', () => 'down'),
      ctx.redis.ping().then(() => 'ok', () => 'down'),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', postgres, redis });
  });
}
