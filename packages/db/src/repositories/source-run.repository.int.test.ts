import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@himatch/testing';
import { completePage, createRepositories, hasPendingPages, registerPages, type Repositories } from '../index.ts';

let t: TestDatabase;
let r: Repositories;

beforeAll(async () => {
  t = await createTestDatabase();
  r = createRepositories(t.db);
});
afterAll(() => t.drop());

describe('SourceRepository', () => {
  it('creates, finds, updates, lists, disables and deletes', async () => {
    const created = await r.sources.create({ kind: 'greenhouse', name: 'acme', config: { board_token: 'acme' }, cron: '0 * * * *' });
    expect(created).toMatchObject({ enabled: true, consecutiveFailures: 0, politeness: {}, config: { board_token: 'acme' } });
    expect((await r.sources.getByName('acme'))?.id).toBe(created.id);

    const updated = await r.sources.update(created.id, { politeness: { minGapMs: 500 }, cron: null });
    expect(updated).toMatchObject({ cron: null, politeness: { minGapMs: 500 }, config: { board_token: 'acme' } });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    expect(await r.sources.setEnabled(created.id, false)).toBe(true);
    expect((await r.sources.list({ enabled: false })).map((s) => s.name)).toEqual(['acme']);
    expect(await r.sources.list({ enabled: true })).toEqual([]);

    expect(await r.sources.delete(created.id)).toBe(true);
    expect(await r.sources.getById(created.id)).toBeUndefined();
    expect(await r.sources.delete(created.id)).toBe(false);
  });

  it('rejects a duplicate name and an unknown kind', async () => {
    await r.sources.create({ kind: 'rss', name: 'dup' });
    await expect(r.sources.create({ kind: 'rss', name: 'dup' })).rejects.toThrow(/unique/);
    await expect(r.sources.create({ kind: 'myspace' as never, name: 'bad' })).rejects.toThrow(/source_kind_check/);
  });

  it('records failures with a cooldown and resets on success', async () => {
    const { id } = await r.sources.create({ kind: 'ashby', name: 'flaky' });
    const until = new Date(Date.now() + 60_000);
    expect(await r.sources.recordFailure(id, 'HTTP 503', null)).toBe(1);
    expect(await r.sources.recordFailure(id, 'HTTP 503 again', until)).toBe(2);
    expect(await r.sources.getById(id)).toMatchObject({ consecutiveFailures: 2, lastError: 'HTTP 503 again', cooldownUntil: until });
    await r.sources.recordSuccess(id);
    const healed = await r.sources.getById(id);
    expect(healed).toMatchObject({ consecutiveFailures: 0, cooldownUntil: null });
    expect(healed?.lastSuccessAt).toBeInstanceOf(Date);
  });
});

describe('CrawlRunRepository', () => {
  it('sums a running run from its pages, adds run counts atomically, folds the pages in and finishes once', async () => {
    const { id: sourceId } = await r.sources.create({ kind: 'workday', name: 'runs' });
    const run = await r.crawlRuns.start(sourceId);
    expect(run).toMatchObject({ status: 'running', pendingPages: 0, complete: false, finishedAt: null });

    await registerPages(t.db, run.id, ['a', 'b', 'c'].map((key) => ({ key, role: 'detail' as const, url: `https://w.example/${key}` })));
    await registerPages(t.db, run.id, [{ key: 'a', role: 'detail', url: 'https://w.example/a' }]); // registered once
    expect(await r.crawlRuns.get(run.id)).toMatchObject({ pendingPages: 3, pages: 0 });
    expect(await completePage(t.db, run.id, 'a', { status: 'done' }, { pages: 1, postingsSeen: 2, new: 1 })).toEqual({ completed: true });
    expect(await completePage(t.db, run.id, 'a', { status: 'done' }, { pages: 1, postingsSeen: 2, new: 1 })).toEqual({ completed: false });
    await completePage(t.db, run.id, 'b', { status: 'failed', reason: 'HTTP 500' }, { failed: 1 });
    expect(await hasPendingPages(t.db, run.id)).toBe(true);
    await Promise.all(Array.from({ length: 20 }, () => r.crawlRuns.addCounts(run.id, { postingsSeen: 2, new: 1 })));
    expect(await r.crawlRuns.get(run.id)).toMatchObject({ pendingPages: 1, pages: 1, postingsSeen: 42, new: 21, failed: 1 });
    await completePage(t.db, run.id, 'c', { status: 'skipped' }, { postingsSeen: 1, unchanged: 1 });
    expect(await hasPendingPages(t.db, run.id)).toBe(false);

    const finished = await r.crawlRuns.finish(run.id, { status: 'succeeded', complete: true });
    expect(finished).toMatchObject({ status: 'succeeded', complete: true, pendingPages: 0, pages: 1, postingsSeen: 43, new: 21, unchanged: 1, failed: 1 });
    expect(finished?.finishedAt).toBeInstanceOf(Date);
    expect(await r.crawlRuns.finish(run.id, { status: 'failed', complete: false, error: 'late' })).toBeUndefined();
    // Folded once: a finished run reads its row, not its pages again.
    expect(await r.crawlRuns.get(run.id)).toMatchObject({ pages: 1, postingsSeen: 43, new: 21 });
    await r.crawlRuns.addCounts(run.id, { closed: 2 });
    expect(await r.crawlRuns.get(run.id)).toMatchObject({ closed: 2, postingsSeen: 43 });

    const second = await r.crawlRuns.start(sourceId);
    expect((await r.crawlRuns.listForSource(sourceId)).map((x) => x.id)).toEqual([second.id, run.id]);
  });
});

describe('HttpCacheRepository', () => {
  it('stores and replaces validators', async () => {
    await r.httpCache.put({ url: 'https://b.example/jobs', etag: '"1"', lastModified: null, contentHash: 'h1' });
    await r.httpCache.put({ url: 'https://b.example/jobs', etag: '"2"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT', contentHash: 'h2' });
    expect(await r.httpCache.get('https://b.example/jobs')).toMatchObject({ etag: '"2"', contentHash: 'h2', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT' });
    expect(await r.httpCache.get('https://b.example/other')).toBeUndefined();
  });
});
