// The crawler service: consumes the `crawler` queue (crawl.source, crawl.page).
import { createDb, createRepositories } from '@himatch/db';
import { createFetcher } from '@himatch/fetcher';
import { closeRedisConnection, createProducer, createRedisConnection, installShutdown, runWorkers } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { loadConfig } from './config.ts';
import { crawlerConsumer, PAGE_ATTEMPTS } from './handlers.ts';
import { onCrawlJobFailed } from './final-failure.ts';

const config = loadConfig();
const logger = createLogger('crawler', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL, { max: config.DB_POOL_MAX, prepareStatements: true });
const redis = createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-crawler-state' });
const producerConnection = createRedisConnection(config.REDIS_URL, { role: 'producer', connectionName: 'himatch-crawler-producer' });
const producer = createProducer({ connection: producerConnection, prefix: config.QUEUE_PREFIX });
const fetcher = createFetcher({
  redis,
  keyPrefix: `${config.QUEUE_PREFIX}:fetch`,
  userAgent: config.USER_AGENT,
  allowPrivateHosts: config.ALLOW_PRIVATE_HOSTS,
  defaults: { maxInFlight: 1, minGapMs: config.MIN_GAP_MS },
  politeness: config.POLITENESS_OFF_FOR_ALLOWLISTED ? 'off-for-allowlisted' : 'on',
});
const deps = {
  db, repos: createRepositories(db), producer, fetcher, logger,
  maxMissedRuns: config.MAX_MISSED_RUNS, pageAttempts: PAGE_ATTEMPTS, cooldownBaseMs: 60_000,
};
const runner = await runWorkers({
  connection: () => createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-crawler' }),
  prefix: config.QUEUE_PREFIX,
  lockDurationMs: config.WORKER_LOCK_MS,
  stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  consumers: [crawlerConsumer(deps, config.CRAWL_CONCURRENCY)],
  onFinalFailure: (failure) => onCrawlJobFailed(deps, failure),
  logger,
});
await installShutdown(runner, {
  onClosed: async () => {
    await producer.close();
    await fetcher.close();
    await Promise.all([closeRedisConnection(redis), closeRedisConnection(producerConnection)]);
    await db.destroy();
  },
});
