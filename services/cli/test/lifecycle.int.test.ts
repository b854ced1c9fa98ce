import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import type { SourceRow } from '@himatch/db';
import { startRuns, upsertSource, type SourceSpec } from '../src/pipeline.ts';
import { createStack, fetchTruth, type Stack } from './stack.ts';

// Source lifecycle on real processes: the misbehaving quirk boards, source health (cooldown
// that doubles, self-healing), a run that fails on a later list page, expiry and reopening,
// and the exact counts a run records.

interface QuirkSpec extends SourceSpec { key: string; quirk: string }
interface LoggedRequest { path: string; start: number; end: number; status: number }

let database: TestDatabase;
let redis: TestRedis;
let stack: Stack;
let quirks: Map<string, QuirkSpec>;
const sources = new Map<string, SourceRow>();

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  stack = await createStack({ databaseUrl: database.url, redisUrl: redis.url, prefix: redis.prefix, count: 120, workerEnv: { MAX_MISSED_RUNS: '2' } });
  await stack.startBoards(0);
  for (const name of ['crawler', 'normalizer', 'matcher'] as const) stack.start(name);
  const body = (await (await fetch(`${stack.boardsUrl}/_boards`)).json()) as { quirks: QuirkSpec[] };
  quirks = new Map(body.quirks.map((q) => [q.quirk, q]));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await redis?.cleanup();
  await database?.drop();
});

async function register(name: string, spec: SourceSpec): Promise<SourceRow> {
  const source = await upsertSource(stack.repos, { ...spec, name });
  sources.set(name, source);
  return source;
}

/** Crawls these sources once and returns their finished runs in the same order. */
async function crawl(names: string[], timeoutMs = 90_000) {
  const runIds = await startRuns(stack.repos, stack.producer, names.map((n) => sources.get(n)!.id));
  await stack.waitFor(runIds, timeoutMs);
  return Promise.all(runIds.map(async (id) => (await stack.repos.crawlRuns.get(id))!));
}

const sourceRow = async (name: string) => (await stack.repos.sources.getById(sources.get(name)!.id))!;
const requestLog = async () => ((await (await fetch(`${stack.boardsUrl}/_requests`)).json()) as { requests: LoggedRequest[] }).requests;
const clearCooldown = (name: string) =>
  stack.db.updateTable('source').set({ cooldownUntil: sql<Date>`now() - interval '1 second'` }).where('id', '=', sources.get(name)!.id).execute();

describe('quirk boards', () => {
  it('429 + Retry-After and slow answers still succeed; garbage fails its page with the reason and cools the source down', async () => {
    for (const q of ['rate-limited', 'slow', 'garbage'] as const) await register(q, quirks.get(q)!);
    const [limited, slow, garbage] = await crawl(['rate-limited', 'slow', 'garbage']);

    expect([limited?.status, limited?.complete, limited?.postingsSeen]).toEqual(['succeeded', true, expect.any(Number)]);
    expect(limited!.postingsSeen).toBeGreaterThan(0);
    const log = await requestLog();
    const throttled = log.filter((r) => r.path.startsWith('/quirks/rate-limited/') && r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const first of throttled) {
      const retry = log.find((r) => r.path === first.path && r.start > first.start);
      expect(retry?.status, first.path).toBe(200);
      // Retry-After: 1 was honoured (a few ms of slack for clocks read on either side).
      expect(retry!.start - first.end, first.path).toBeGreaterThanOrEqual(980);
    }

    expect([slow?.status, slow?.complete]).toEqual(['succeeded', true]);
    expect(slow!.postingsSeen).toBeGreaterThan(0);

    expect([garbage?.status, garbage?.complete, garbage?.closed, garbage?.postingsSeen]).toEqual(['failed', false, 0, 0]);
    expect(garbage?.error).toMatch(/^unparseable/);
    const failures = await stack.repos.crawlLedger.listFailures(garbage!.id);
    expect(failures.map((f) => f.reason)).toEqual([expect.stringMatching(/^unparseable/)]);
    const source = await sourceRow('garbage');
    expect(source.consecutiveFailures).toBe(1);
    expect(source.cooldownUntil!.getTime()).toBeGreaterThan(Date.now());
  }, 180_000);
});

describe('source health', () => {
  const cooldownMs = (source: SourceRow, finishedAt: Date | null) => source.cooldownUntil!.getTime() - finishedAt!.getTime();

  it('refuses a run during the cooldown, doubles the cooldown on the next failure, heals on success', async () => {
    const first = (await stack.db.selectFrom('crawlRun').selectAll().where('sourceId', '=', sources.get('garbage')!.id).executeTakeFirstOrThrow());
    const firstCooldown = cooldownMs(await sourceRow('garbage'), first.finishedAt);
    expect(firstCooldown).toBeGreaterThan(55_000);
    expect(firstCooldown).toBeLessThan(65_000);

    const [refused] = await crawl(['garbage']);
    expect([refused?.status, refused?.complete, refused?.pages]).toEqual(['failed', false, 0]);
    expect(refused?.error).toMatch(/cooling down until .* after 1 failed runs/);
    expect((await sourceRow('garbage')).consecutiveFailures).toBe(1);

    await clearCooldown('garbage');
    const [second] = await crawl(['garbage']);
    expect(second?.status).toBe('failed');
    const after = await sourceRow('garbage');
    expect(after.consecutiveFailures).toBe(2);
    const secondCooldown = cooldownMs(after, second!.finishedAt);
    expect(secondCooldown).toBeGreaterThan(2 * firstCooldown - 5_000);
    expect(secondCooldown).toBeLessThan(2 * firstCooldown + 5_000);

    // The board is repaired (same source, good address): the next run succeeds and heals it.
    const good = (await stack.boards()).find((b) => b.kind === 'greenhouse' && (b as unknown as { key: string }).key === quirks.get('garbage')!.key.replace(/-garbage$/, ''))!;
    await register('garbage', { ...good, name: 'garbage' });
    await clearCooldown('garbage');
    const [healed] = await crawl(['garbage']);
    expect([healed?.status, healed?.complete]).toEqual(['succeeded', true]);
    const healthy = await sourceRow('garbage');
    expect([healthy.consecutiveFailures, healthy.cooldownUntil]).toEqual([0, null]);
  }, 180_000);
});

describe('a run that fails on a later list page', () => {
  it('keeps the postings of the pages it read and closes nothing', async () => {
    const broken = quirks.get('broken-paging')!;
    const fine = { ...broken, config: { ...broken.config, baseUrl: String(broken.config['baseUrl']).replace('/quirks/broken-paging', '') } };
    await register('paged', fine);
    const [complete] = await crawl(['paged']);
    expect([complete?.status, complete?.complete]).toEqual(['succeeded', true]);
    expect(complete!.pages).toBeGreaterThan(1);
    const sourceId = sources.get('paged')!.id;
    const openBefore = await stack.db.selectFrom('listing').select(['id', 'status', 'missedRuns']).where('sourceId', '=', sourceId).orderBy('id').execute();
    expect(openBefore.filter((l) => l.status === 'open').length).toBeGreaterThan(0);

    await register('paged', broken);
    // The second page answers 500 on every attempt: the fetcher's and the queue's retries run out first.
    const [partial] = await crawl(['paged'], 200_000);
    expect([partial?.status, partial?.complete, partial?.closed, partial?.pages, partial?.postingsSeen]).toEqual(['partial', false, 0, 1, 5]);
    expect([partial?.new, partial?.changed, partial?.unchanged, partial?.failed]).toEqual([0, 0, 5, 1]);
    expect(partial?.error).toMatch(/gave up after \d+ attempts: http_5xx/);
    const after = await stack.db.selectFrom('listing').select(['id', 'status', 'missedRuns']).where('sourceId', '=', sourceId).orderBy('id').execute();
    expect(after).toEqual(openBefore);
    // Listings the partial run never reached stay as they were (a complete run would count them missed).
    const unseen = await stack.db.selectFrom('listing').select(['status', 'missedRuns']).where('sourceId', '=', sourceId).where('lastSeenRunId', '<>', partial!.id).execute();
    expect(unseen.length).toBeGreaterThan(0);
    expect(unseen.every((l) => l.status === 'open' && l.missedRuns === 0)).toBe(true);
    expect((await sourceRow('paged')).consecutiveFailures).toBe(0);
  }, 240_000);
});

describe('expiry and run counts', () => {
  interface Board extends SourceSpec { key: string; postings: number }
  const keyed = (b: SourceSpec) => b as Board;

  it('records exact counts, closes unseen listings after MAX_MISSED_RUNS complete runs, reopens a job that returns, and expires past closing dates', async () => {
    const boards = (await stack.boards()).map(keyed).filter((b) => ['greenhouse', 'ashby', 'lever'].includes(b.kind));
    for (const b of boards) await register(`counted-${b.key}`, b);
    const names = boards.map((b) => `counted-${b.key}`);
    const truth0 = await fetchTruth(stack);
    const first = await crawl(names);
    const pages = first.map((r) => r.pages);
    expect(first.map(counts)).toEqual(boards.map((b, i) => ({ status: 'succeeded', complete: true, pages: pages[i], postingsSeen: b.postings, new: b.postings, changed: 0, unchanged: 0, closed: 0, failed: 0 })));
    expect(pages.every((n) => n >= 1)).toBe(true);
    const again = await crawl(names);
    expect(again.map(counts)).toEqual(boards.map((b, i) => ({ status: 'succeeded', complete: true, pages: pages[i], postingsSeen: b.postings, new: 0, changed: 0, unchanged: b.postings, closed: 0, failed: 0 })));

    await stack.startBoards(1);
    const truth1 = await fetchTruth(stack);
    const refsOn = (t: typeof truth0, ids: readonly string[], key: string) =>
      t.postings.filter((p) => ids.includes(p.id)).flatMap((p) => p.refs.filter((r) => r.board === key).map((r) => r.externalId));
    const dropped = boards.map((b) => refsOn(truth0, truth1.dropped, b.key));
    const openDropped = (i: number) => stack.db.selectFrom('listing').select(['externalId', 'status', 'closedReason', 'missedRuns'])
      .where('sourceId', '=', sources.get(names[i]!)!.id).where('externalId', 'in', [...dropped[i]!, '-']).orderBy('externalId').execute();
    const missedOnce = await crawl(names);
    missedOnce.forEach((run, i) => {
      const total1 = boards[i]!.postings - dropped[i]!.length;
      expect({ ...counts(run), changed: 0, unchanged: 0 }).toEqual({ status: 'succeeded', complete: true, pages: pages[i], postingsSeen: total1, new: 0, changed: 0, unchanged: 0, closed: 0, failed: 0 });
      expect(run.changed + run.unchanged).toBe(total1);
      // Greenhouse lists carry every field, so each edit of the generation shows there.
      if (boards[i]!.kind === 'greenhouse') expect(run.changed).toBe(refsOn(truth1, truth1.changed, boards[i]!.key).length);
    });
    const before = await Promise.all(boards.map(async (_, i) => (await openDropped(i)).filter((r) => r.status === 'open')));
    expect(before.flat().length).toBeGreaterThan(0);
    expect(before.flat().every((r) => r.missedRuns === 1)).toBe(true);
    const missedTwice = await crawl(names);
    expect(missedTwice.map((r) => [r.complete, r.new, r.changed, r.closed])).toEqual(before.map((rows) => [true, 0, 0, rows.length]));
    for (const [i, rows] of before.entries()) {
      const now = await openDropped(i);
      for (const row of rows) expect(now.find((r) => r.externalId === row.externalId)).toMatchObject({ status: 'closed', closedReason: 'not_seen' });
    }

    await stack.startBoards(0);
    const back = await crawl(names);
    expect(back.every((r) => r.complete && r.closed === 0)).toBe(true);
    for (const [i, rows] of before.entries()) {
      const now = await openDropped(i);
      for (const row of rows) expect(now.find((r) => r.externalId === row.externalId)).toMatchObject({ status: 'open', closedReason: null, missedRuns: 0 });
    }

    // A listing whose closing date has passed is closed as expired when a run ends.
    const sourceId = sources.get(names[0]!)!.id;
    const victim = await stack.db.selectFrom('listing').select('id').where('sourceId', '=', sourceId).where('status', '=', 'open').limit(1).executeTakeFirstOrThrow();
    await stack.db.updateTable('listing').set({ closesAt: sql<Date>`now() - interval '1 day'` }).where('id', '=', victim.id).execute();
    await crawl([names[0]!]);
    const expired = await stack.db.selectFrom('listing').select(['status', 'closedReason']).where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(expired).toEqual({ status: 'closed', closedReason: 'expired' });
    const stillOpen = await stack.db.selectFrom('listing').select((eb) => eb.fn.countAll<string>().as('n')).where('sourceId', '=', sourceId).where('status', '=', 'open').executeTakeFirstOrThrow();
    expect(Number(stillOpen.n)).toBeGreaterThan(0);
  }, 240_000);
});

function counts(run: Awaited<ReturnType<typeof crawl>>[number]) {
  const { status, complete, pages, postingsSeen, new: added, changed, unchanged, closed, failed } = run;
  return { status, complete, pages, postingsSeen, new: added, changed, unchanged, closed, failed };
}
