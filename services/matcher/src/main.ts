// The matcher service: consumes the `matcher` queue (match.listing, match.candidate).
import { createDb, createRepositories } from '@himatch/db';
import { closeRedisConnection, createProducer, createRedisConnection, installShutdown, runWorkers } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { loadConfig } from './config.ts';
import { matcherConsumer } from './handlers.ts';
import { createProfileCache } from './profile-cache.ts';
import { loadOpenListings } from './open-listings.ts';

const config = loadConfig();
const logger = createLogger('matcher', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL);
const repos = createRepositories(db);
const producerConnection = createRedisConnection(config.REDIS_URL, { role: 'producer', connectionName: 'himatch-matcher-producer' });
const producer = createProducer({ connection: producerConnection, prefix: config.QUEUE_PREFIX });
const deps = { repos, producer, logger, profiles: createProfileCache(repos, config.PROFILE_INDEX_TTL_MS), matchesPerCandidate: config.MATCHES_PER_CANDIDATE };
const runner = await runWorkers({
  connection: () => createRedisConnection(config.REDIS_URL, { role: 'worker', connectionName: 'himatch-matcher' }),
  prefix: config.QUEUE_PREFIX,
  lockDurationMs: config.WORKER_LOCK_MS,
  stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  consumers: [matcherConsumer(deps, () => loadOpenListings(repos), config.MATCH_CONCURRENCY)],
  logger,
});
await installShutdown(runner, {
  onClosed: async () => {
    await producer.close();
    await closeRedisConnection(producerConnection);
    await db.destroy();
  },
});
