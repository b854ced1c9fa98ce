// Test fixture: the app over a fresh database and Redis prefix, with one key per role.
import { createRepositories, type Repositories } from '@himatch/db';
import { closeRedisConnection, createProducer, createRedisConnection, type Producer } from '@himatch/queue';
import { createTestDatabase, createTestRedis, makeProfile, type TestDatabase, type TestRedis } from '@himatch/testing';
import { generateApiKey, type ApiKeyRoleName } from '@himatch/core';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildApp } from './app.ts';

export interface TestApp {
  app: FastifyInstance;
  repos: Repositories;
  t: TestDatabase;
  redis: TestRedis;
  producer: Producer;
  keys: Record<'operator' | 'recruiter' | 'candidate' | 'otherCandidate' | 'revoked', string>;
  candidateId: string;
  otherCandidateId: string;
  close: () => Promise<void>;
}

export async function createKey(repos: Repositories, role: ApiKeyRoleName, candidateId: string | null = null): Promise<{ key: string; id: string }> {
  const g = generateApiKey();
  const row = await repos.apiKeys.create({ prefix: g.prefix, hash: g.hash, role, candidateId });
  return { key: g.key, id: row.id };
}

export async function createTestApp(options: { rateLimitMax?: number; aggregateCacheMs?: number; adminSessionSecret?: string; trustProxy?: string[]; authFailureMax?: number } = {}): Promise<TestApp> {
  const t = await createTestDatabase();
  const redis = await createTestRedis();
  const repos = createRepositories(t.db);
  const connection: Redis = createRedisConnection(redis.url, { role: 'producer', connectionName: 'himatch-api-test' });
  const producer = createProducer({ connection, prefix: redis.prefix });
  const app = await buildApp({
    db: t.db, repos, redis: connection, producer, queuePrefix: redis.prefix, logger: false,
    rateLimit: { max: options.rateLimitMax ?? 10_000, windowMs: 60_000 }, aggregateCacheMs: options.aggregateCacheMs ?? 0,
    adminSessionSecret: options.adminSessionSecret, trustProxy: options.trustProxy,
    ...(options.authFailureMax ? { authFailures: { max: options.authFailureMax, windowMs: 60_000 } } : {}),
  });
  await app.ready();
  const candidate = await repos.candidates.create(makeProfile());
  const other = await repos.candidates.create(makeProfile({ radiusMiles: 10 }));
  const revoked = await createKey(repos, 'recruiter');
  await repos.apiKeys.revoke(revoked.id);
  const keys = {
    operator: (await createKey(repos, 'operator')).key,
    recruiter: (await createKey(repos, 'recruiter')).key,
    candidate: (await createKey(repos, 'candidate', candidate.id)).key,
    otherCandidate: (await createKey(repos, 'candidate', other.id)).key,
    revoked: revoked.key,
  };
  return {
    app, repos, t, redis, producer, keys, candidateId: candidate.id, otherCandidateId: other.id,
    close: async () => {
      await app.close();
      await producer.close();
      await closeRedisConnection(connection);
      await redis.cleanup();
      await t.drop();
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
