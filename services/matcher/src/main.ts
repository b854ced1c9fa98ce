// The matcher service: consumes the `matcher` queue (match.listing, match.candidate) and the
// `alerts` queue (alert.deliver) when a webhook is configured.
import { createDb, createRepositories } from '@himatch/db';
import { closeRedisConnection, createProducer, createRedisConnection, installShutdown, jobCatalog, runWorkers, type QueueConsumer } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { loadConfig } from './config.ts';
import { alertsConsumer, matcherConsumer } from './handlers.ts';
import { createProfileCache } from './profile-cache.ts';

const config = loadConfig();
const logger = createLogger('matcher', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL);
const repos = createRepositories(db);
const producerConnection = createRedisConnection(config.REDIS_URL, { role: 'producer', connectionName: 'himatch-matcher-producer' });
const retryOverrides = config.ALERT_RETRY_DELAY_MS ? { 'alert.deliver': { backoffDelayMs: config.ALERT_RETRY_DELAY_MS } } : {};
const producer = createProducer({ connection: producerConnection, prefix: config.QUEUE_PREFIX, retryOverrides });
const deps = { repos, producer, logger, profiles: createProfileCache(repos, config.PROFILE_INDEX_TTL_MS), matchesPerCandidate: config.MATCHES_PER_CANDIDATE };
const consumers: QueueConsumer[] = [matcherConsumer(deps, config.MATCH_CONCURRENCY)];
if (config.ALERT_WEBHOOK_URL && config.ALERT_WEBHOOK_SECRET) {
  const webhook = { url: new URL(config.ALERT_WEBHOOK_URL), secret: config.ALERT_WEBHOOK_SECRET, allowHosts: config.ALERT_ALLOW_PRIVATE_HOSTS, timeoutMs: config.ALERT_TIMEOUT_MS };
  consumers.push(alertsConsumer({ repos, logger, webhook, maxAttempts: jobCatalog['alert.deliver'].attempts }, config.ALERT_CONCURRENCY));
} else {
  // Not consuming keeps every alert.deliver job waiting in Redis and every alert pending in Postgres.
  logger.warn({}, 'ALERT_WEBHOOK_URL is not set: alerts are not delivered and stay pending until it is');
}
const runner = await runWorkers({
  connection: () => createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-matcher' }),
  prefix: config.QUEUE_PREFIX,
  lockDurationMs: config.WORKER_LOCK_MS,
  stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  consumers,
  logger,
});
await installShutdown(runner, {
  onClosed: async () => {
    await producer.close();
    await closeRedisConnection(producerConnection);
    await db.destroy();
  },
});
