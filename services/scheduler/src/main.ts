// The scheduler service: reconciles `source` rows into BullMQ job schedulers (run it once).
import { createDb, createRepositories } from '@himatch/db';
import { closeRedisConnection, createRedisConnection } from '@himatch/queue';
import { createLogger, onShutdown } from '@himatch/runtime';
import { loadConfig } from './config.ts';
import { createReconciler, listenForRequests } from './reconciler.ts';

const config = loadConfig();
const logger = createLogger('scheduler', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL);
const redis = createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-scheduler' });
const subscriber = createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-scheduler-requests' });
const reconciler = createReconciler(
  { sources: createRepositories(db).sources, connection: redis, prefix: config.QUEUE_PREFIX, logger },
  { intervalMs: config.RECONCILE_INTERVAL_MS },
);
const onDemand = (): void => {
  reconciler.reconcileNow().catch((error: unknown) => logger.error({ err: error }, 'requested reconcile failed'));
};

onShutdown(logger, [
  () => reconciler.stop(),
  () => closeRedisConnection(subscriber),
  () => closeRedisConnection(redis),
  () => db.destroy(),
]);
process.on('SIGHUP', onDemand);
await listenForRequests(subscriber, config.QUEUE_PREFIX, onDemand);
await reconciler.start();
logger.info({ intervalMs: config.RECONCILE_INTERVAL_MS }, 'scheduler started');
