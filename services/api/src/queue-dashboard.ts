import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { QUEUE_NAMES } from '@himatch/queue';
import type { RouteContext } from './context.ts';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues. Its routes are covered by the operator check through their
 * prefix (see auth.ts): a script sends `Authorization: Bearer`, a browser logs in at
 * /admin/login for a session cookie (admin-session.ts). Its queues are closed with the app.
 */
export async function mountQueueDashboard(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: ctx.redis, prefix: ctx.queuePrefix }));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(DASHBOARD_PATH)) route.schema = { ...route.schema, hide: true };
  });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
  });
}
