import type { FastifyInstance } from 'fastify';
import { ROLE_IDS } from '@himatch/core';
import type { RouteContext } from '../context.ts';
import { int, multi, num, nullableStr, obj, str, withErrors } from '../schemas.ts';

const marketSchema = obj({
  total: int,
  credentials: { type: 'array', items: obj({ credential: str, requiring: int, preferring: int, requiringShare: num, preferringShare: num }) },
  pay: { type: 'array', items: obj({ role: str, state: nullableStr, count: int, p25: int, median: int, p75: int }) },
  topEmployers: { type: 'array', items: obj({ employer: str, count: int }) },
});

export function marketRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/market', {
    config: { access: ['recruiter', 'operator'] },
    schema: {
      tags: ['recruiters'],
      summary: 'Open-listing market: credential demand, annual pay quartiles by role and state, top employers',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          role: multi(ROLE_IDS),
          state: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' }, maxItems: 60 },
          minCount: { type: 'integer', minimum: 1, maximum: 10_000, default: 1, description: 'leave out role/state cells with fewer listings' },
        },
      },
      response: withErrors({ 200: marketSchema }),
    },
  }, async (request) => {
    const q = request.query as { role?: string[]; state?: string[]; minCount: number };
    const scope = { roles: q.role, states: q.state };
    return ctx.marketCache.get(JSON.stringify(['market', scope, q.minCount]), async () => {
      const [demand, pay, topEmployers] = await Promise.all([
        ctx.market.credentialDemand(scope), ctx.market.payDistribution(scope, q.minCount), ctx.market.topEmployers(scope),
      ]);
      return { total: demand.total, credentials: demand.credentials, pay, topEmployers };
    });
  });
}
