import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@himatch/core';
import { createTestDatabase, makeRawPosting, type TestDatabase } from '@himatch/testing';
import { CrawlRunRepository } from './crawl-run.repository.ts';
import { RawPostingRepository } from './raw-posting.repository.ts';
import { SourceRepository } from './source.repository.ts';

let t: TestDatabase;
let repo: RawPostingRepository;
let sourceId: string;
let runs: CrawlRunRepository;

beforeAll(async () => {
  t = await createTestDatabase();
  repo = new RawPostingRepository(t.db);
  runs = new CrawlRunRepository(t.db);
  sourceId = (await new SourceRepository(t.db).create({ kind: 'greenhouse', name: 'raw-test' })).id;
});
afterAll(() => t.drop());

function input(payload = makeRawPosting(), runId: string | null = null) {
  return { sourceId, externalId: payload.externalId ?? 'x', url: payload.url ?? null, contentHash: contentHash(payload), payload, runId };
}

describe('RawPostingRepository.upsert', () => {
  it('reports new, then unchanged, then changed, keeping one row', async () => {
    const run1 = await runs.start(sourceId);
    const run2 = await runs.start(sourceId);
    const first = await repo.upsert(input(makeRawPosting({ externalId: 'a' }), run1.id));
    expect(first.outcome).toBe('new');

    await repo.setStatus(first.id, 'normalized');
    const again = await repo.upsert({ ...input(makeRawPosting({ externalId: 'a' }), run2.id), etag: 'W/"2"' });
    expect(again).toEqual({ id: first.id, outcome: 'unchanged' });
    const touched = await repo.getById(first.id);
    expect(touched?.lastRunId).toBe(run2.id);
    expect(touched?.etag).toBe('W/"2"');
    expect(touched?.status).toBe('normalized');

    const edited = makeRawPosting({ externalId: 'a', title: 'Senior Medical Records Technician' });
    const changed = await repo.upsert(input(edited, run2.id));
    expect(changed).toEqual({ id: first.id, outcome: 'changed' });
    const row = await repo.getById(first.id);
    expect(row?.payload.title).toBe('Senior Medical Records Technician');
    expect(row?.status).toBe('pending');
    expect(row?.contentHash).toBe(contentHash(edited));
  });

  it('keeps jsonb arrays and nested keys as given', async () => {
    const payload = makeRawPosting({ externalId: 'arr', remoteRegions: ['TX', 'OK'] });
    const { id } = await repo.upsert(input(payload));
    const row = await repo.getById(id);
    expect(row?.payload).toEqual(payload);
  });

  it('decides concurrent upserts of one key consistently', async () => {
    const payload = makeRawPosting({ externalId: 'race' });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => repo.upsert(input(payload))));
    const outcomes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.outcome] : []));
    expect(outcomes.filter((o) => o === 'new')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'new' || o === 'unchanged')).toBe(true);
  });

  it('lists known external ids and sets status with a reason', async () => {
    const { id } = await repo.upsert(input(makeRawPosting({ externalId: 'zz' })));
    expect(await repo.setStatus(id, 'rejected', 'not a HIT job')).toBe(true);
    expect((await repo.getById(id))?.reason).toBe('not a HIT job');
    expect(await repo.listKnownExternalIds(sourceId)).toEqual(expect.arrayContaining(['a', 'arr', 'race', 'zz']));
  });
});
