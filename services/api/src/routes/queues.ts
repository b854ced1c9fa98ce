import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES, getQueueCounts, listFailed, retryFailed, type QueueName } from '@himatch/queue';
import type { RouteContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { enumOf, int, nullableInt, obj, str, withErrors } from '../schemas.ts';

const OPERATORS = ['operator'] as const;
const counts = obj({ waiting: int, active: int, delayed: int, prioritized: int, failed: int, completed: int });
const queueParams = obj({ queue: enumOf(QUEUE_NAMES) });

export function queueRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/queues', {
    config: { access: OPERATORS },
    schema: {
      tags: ['operators'], summary: 'Job counts per queue and state',
      response: withErrors({ 200: obj({ queues: { type: 'object', properties: Object.fromEntries(QUEUE_NAMES.map((q) => [q, counts])), additionalProperties: false } }) }),
    },
  }, async () => ({ queues: await getQueueCounts(ctx.redis, ctx.queuePrefix) }));

  app.get('/queues/:queue/failed', {
    config: { access: OPERATORS },
    schema: {
      tags: ['operators'], summary: 'Failed jobs of a queue, newest first',
      params: queueParams,
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
      response: withErrors({ 200: obj({ jobs: { type: 'array', items: obj({ id: str, name: str, failedReason: str, attemptsMade: int, finishedOn: nullableInt }) } }) }),
    },
  }, async (request) => {
    const { queue } = request.params as { queue: QueueName };
    return { jobs: await listFailed(ctx.redis, queue, (request.query as { limit: number }).limit, ctx.queuePrefix) };
  });

  app.post('/queues/:queue/failed/:jobId/retry', {
    config: { access: OPERATORS },
    schema: {
      tags: ['operators'], summary: 'Move a failed job back to waiting with its attempts reset',
      params: { ...obj({ queue: enumOf(QUEUE_NAMES), jobId: { type: 'string', minLength: 1, maxLength: 300 } }) },
      response: withErrors({ 202: obj({ retried: { type: 'boolean' } }) }),
    },
  }, async (request, reply) => {
    const { queue, jobId } = request.params as { queue: QueueName; jobId: string };
    if (!(await retryFailed(ctx.redis, queue, jobId, ctx.queuePrefix))) throw notFound('failed job');
    return reply.code(202).send({ retried: true });
  });
}
