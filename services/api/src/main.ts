// The API service: recruiter search, operator control, candidate views (see README).
import { createDb, createRepositories } from '@himatch/db';
import { closeRedisConnection, createProducer, createRedisConnection } from '@himatch/queue';
import { createLogger, onShutdown } from '@himatch/runtime';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const logger = createLogger('api', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL, { max: config.DB_POOL_MAX });
const redis = createRedisConnection(config.REDIS_URL, { role: 'producer', connectionName: 'himatch-api' });
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
const app = await buildApp({
  db, repos: createRepositories(db), redis, producer, queuePrefix: config.QUEUE_PREFIX, logger,
  rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
  authFailures: { max: config.AUTH_FAILURE_MAX, windowMs: config.AUTH_FAILURE_WINDOW_MS }, aggregateCacheMs: config.AGGREGATE_CACHE_MS,
  adminSessionSecret: config.ADMIN_SESSION_SECRET, trustProxy: config.TRUST_PROXY,
});
if (!config.ADMIN_SESSION_SECRET) logger.info('ADMIN_SESSION_SECRET unset: dashboard sessions last until this process exits');
await app.listen({ host: config.HOST, port: config.PORT });
// Stop accepting requests and finish the ones in flight, then close the pools.
onShutdown(logger, [() => app.close(), () => producer.close(), () => closeRedisConnection(redis), () => db.destroy()]);
