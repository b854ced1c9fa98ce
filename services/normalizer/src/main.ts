// The normalizer service: consumes the `normalizer` queue (posting.normalize).
import { createDb, createRepositories } from '@himatch/db';
import { closeRedisConnection, createProducer, jobCatalog, createRedisConnection, installShutdown, runWorkers } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { loadConfig } from './config.ts';
import { normalizerConsumer } from './handlers.ts';

const config = loadConfig();
const logger = createLogger('normalizer', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL, { prepareStatements: true });
const repos = createRepositories(db);
const producerConnection = createRedisConnection(config.REDIS_URL, { role: 'producer', connectionName: 'himatch-normalizer-producer' });
const producer = createProducer({ connection: producerConnection, prefix: config.QUEUE_PREFIX });
const runner = await runWorkers({
  connection: () => createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-normalizer' }),
  prefix: config.QUEUE_PREFIX,
  lockDurationMs: config.WORKER_LOCK_MS,
  stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  consumers: [normalizerConsumer({ db, repos, producer, logger }, config.NORMALIZE_CONCURRENCY)],
  // The postings a job left pending when it failed for good keep its reason; the next crawl enqueues it again.
  onFinalFailure: async (failure) => {
    const payload = jobCatalog['posting.normalize'].schema.safeParse(failure.payload);
    if (payload.success) await repos.rawPostings.failPending(payload.data.postings.map((p) => p.rawPostingId), `job failed: ${failure.reason}`.slice(0, 1000));
  },
  logger,
});
await installShutdown(runner, {
  onClosed: async () => {
    await producer.close();
    await closeRedisConnection(producerConnection);
    await db.destroy();
  },
});
