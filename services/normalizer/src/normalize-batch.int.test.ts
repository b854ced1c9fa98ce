import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { contentHash, RetryableError } from '@himatch/core';
import { createRepositories, type Repositories } from '@himatch/db';
import { createProducer, type Producer } from '@himatch/queue';
import { createLogger } from '@himatch/runtime';
import { createTestDatabase, createTestRedis, makeRawPosting, type TestDatabase, type TestRedis } from '@himatch/testing';
import { normalizeBatch, type NormalizeDeps } from './normalize-posting.processor.ts';

// A posting.normalize job carries several postings. Stopping halfway on a transient error must
// lose no reverse matching: the listings placed before the error are sent to match.listing at
// once, and the retry (which finds them unchanged) places the rest. Real Postgres and Redis;
// the transient error is injected into one repository call.

let database: TestDatabase;
let redis: TestRedis;
let repos: Repositories;
let producer: Producer;
let matcher: Queue;
let sourceId: string;

async function stored(n: number): Promise<{ rawPostingId: string; contentHash: string }> {
  const payload = makeRawPosting({ externalId: `req-${n}`, requisitionId: `R${n}`, title: `Medical Records Technician ${n}`, url: `https://jobs.example.org/req-${n}` });
  const hash = contentHash(payload);
  const { id } = await repos.rawPostings.upsert({ sourceId, externalId: payload.externalId!, url: payload.url ?? null, contentHash: hash, payload, runId: null });
  return { rawPostingId: id, contentHash: hash };
}

function deps(failOnCall: number | null): NormalizeDeps {
  let calls = 0;
  const clusterKeys = Object.create(repos.clusterKeys) as Repositories['clusterKeys'];
  clusterKeys.candidates = async (keys) => {
    calls += 1;
    if (calls === failOnCall) throw new RetryableError('db_unavailable', 'connection reset');
    return repos.clusterKeys.candidates(keys);
  };
  return { db: database.db, repos: { ...repos, clusterKeys }, producer, logger: createLogger('test', 'silent') };
}

async function matchJobs(): Promise<string[]> {
  return (await matcher.getJobs(['waiting'])).map((j) => j.data.listingId as string).sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  repos = createRepositories(database.db);
  producer = createProducer({ connection: redis.connection(), prefix: redis.prefix });
  matcher = new Queue('matcher', { connection: redis.connection(), prefix: redis.prefix });
  sourceId = (await repos.sources.create({ kind: 'greenhouse', name: 'batch', config: { boardToken: 'batch' } })).id;
}, 60_000);

afterAll(async () => {
  await matcher?.close();
  await producer?.close();
  await redis?.cleanup();
  await database?.drop();
});

describe('posting.normalize with several postings', () => {
  it('sends what it placed before a transient error on to matching; the retry places the rest', async () => {
    const postings = [await stored(1), await stored(2), await stored(3)];
    await expect(normalizeBatch(deps(2), { postings, runId: null }, { attemptsMade: 0 })).rejects.toThrow(/connection reset/);
    const listings = async () => database.db.selectFrom('listing').select(['id', 'rawPostingId']).execute();
    const first = await listings();
    expect(first.map((l) => l.rawPostingId)).toEqual([postings[0]!.rawPostingId]);
    expect(await matchJobs()).toEqual([first[0]!.id]);

    expect(await normalizeBatch(deps(null), { postings, runId: null }, { attemptsMade: 1 })).toEqual(['unchanged', 'new', 'new']);
    const all = await listings();
    expect(all).toHaveLength(3);
    // One match job per listing: the first one's second enqueue has the same job id.
    expect(await matchJobs()).toEqual(all.map((l) => l.id).sort());
  });

  it('fails an unreadable posting alone, with its reason; the job\'s other postings go on', async () => {
    const good = await stored(6);
    const bad = await stored(7);
    await database.db.updateTable('rawPosting').set({ payload: JSON.stringify({ externalId: 'req-7', title: 42 }) as never }).where('id', '=', bad.rawPostingId).execute();
    const outcomes = await normalizeBatch(deps(null), { postings: [bad, good], runId: null }, { attemptsMade: 0 });
    expect(outcomes).toEqual(['failed', 'new']);
    const row = await repos.rawPostings.getById(bad.rawPostingId);
    expect(row?.status).toBe('failed');
    expect(row?.reason).toMatch(/title/);
  });

  it('skips a posting that changed after the job was queued (its own job handles it)', async () => {
    const current = await stored(4);
    const outcomes = await normalizeBatch(deps(null), { postings: [{ ...current, contentHash: 'an-older-version' }, await stored(5)], runId: null }, { attemptsMade: 0 });
    expect(outcomes).toEqual(['stale', 'new']);
  });
});
