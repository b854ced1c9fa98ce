export { createTestDatabase, templateDatabaseName, type TestDatabase } from './test-database.ts';
export { createTestRedis, type TestRedis } from './test-redis.ts';
export { postgresServerUrl, redisServerUrl } from './servers.ts';
export { makeRawPosting, makeListing, makeProfile } from './factories.ts';
