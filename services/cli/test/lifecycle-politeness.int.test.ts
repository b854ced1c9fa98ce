import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { startRuns, upsertSource } from '../src/pipeline.ts';
import type { ServiceProcess } from '../src/processes.ts';
import { createStack, type Stack } from './stack.ts';

// Politeness across two crawler processes, as the boards server saw it: never more than one
// request in flight to the host, starts at least the minimum gap apart, and robots.txt's
// Crawl-delay raising that gap.

interface LoggedRequest { path: string; start: number; end: number; status: number }

const dbs: TestDatabase[] = [];
let redis: TestRedis;
const stacks: Stack[] = [];
const extra: ServiceProcess[] = [];

beforeAll(async () => {
  redis = await createTestRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(extra.map((p) => p.stop()));
  for (const stack of stacks) await stack.stop();
  await redis?.cleanup();
  for (const db of dbs) await db.drop();
});

async function twoCrawlerStack(prefix: string, workerEnv: Record<string, string>, boardsEnv: Record<string, string>): Promise<Stack> {
  const db = await createTestDatabase();
  dbs.push(db);
  const stack = await createStack({ databaseUrl: db.url, redisUrl: redis.url, prefix: `${redis.prefix}_${prefix}`, count: 60, workerEnv, boardsEnv });
  stacks.push(stack);
  await stack.startBoards(0);
  // The stack keeps one process per service name: the first crawler is stopped here.
  const first = stack.start('crawler');
  extra.push(first);
  for (const name of ['crawler', 'normalizer', 'matcher'] as const) stack.start(name);
  return stack;
}

/** Crawls the JSON-LD career site (robots.txt, sitemaps, one page per job) and returns the server's request log. */
async function crawlCareerSite(stack: Stack): Promise<LoggedRequest[]> {
  const site = (await stack.boards()).find((b) => b.kind === 'jsonld-site')!;
  const source = await upsertSource(stack.repos, site);
  await fetch(`${stack.boardsUrl}/_requests`, { method: 'POST' });
  const runIds = await startRuns(stack.repos, stack.producer, [source.id]);
  await stack.waitFor(runIds, 150_000);
  const run = await stack.repos.crawlRuns.get(runIds[0]!);
  expect(run?.complete).toBe(true);
  const { requests } = (await (await fetch(`${stack.boardsUrl}/_requests`)).json()) as { requests: LoggedRequest[] };
  return requests.sort((a, b) => a.start - b.start);
}

/**
 * The pacer counts a host's gap from when each request goes on the wire (after connecting), so
 * the server sees starts the gap apart give or take how long each request took to reach it
 * and be parsed: a few ms, more when the machine is loaded. Every gap gets that allowance,
 * the median a few ms.
 */
const WIRE_SLACK_MS = 50;
const SLACK_MS = 10;

function expectPaced(requests: LoggedRequest[], minGapMs: number): void {
  expect(requests.length).toBeGreaterThan(5);
  const show = () => JSON.stringify(requests.map((r) => [r.path, Math.round(r.start - requests[0]!.start), Math.round(r.end - requests[0]!.start)]));
  const gaps: number[] = [];
  for (let i = 1; i < requests.length; i++) {
    const [prev, next] = [requests[i - 1]!, requests[i]!];
    // One in flight: the next request starts only after the previous one was answered.
    expect(next.start, `${next.path} overlaps ${prev.path} in ${show()}`).toBeGreaterThanOrEqual(prev.end - 2);
    expect(next.start - prev.start, `${prev.path} -> ${next.path} in ${show()}`).toBeGreaterThanOrEqual(minGapMs - WIRE_SLACK_MS);
    gaps.push(next.start - prev.start);
  }
  const median = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  expect(median, show()).toBeGreaterThanOrEqual(minGapMs - SLACK_MS);
}

describe('politeness across two crawler processes', () => {
  it('keeps one request in flight per host and starts them MIN_GAP_MS apart', async () => {
    const stack = await twoCrawlerStack('gap', { MIN_GAP_MS: '200' }, {});
    const requests = await crawlCareerSite(stack);
    expect(requests.some((r) => r.path === '/robots.txt')).toBe(true);
    expectPaced(requests, 200);
  }, 200_000);

  it('raises the gap to the Crawl-delay of robots.txt', async () => {
    const stack = await twoCrawlerStack('delay', { MIN_GAP_MS: '0' }, { CRAWL_DELAY: '1' });
    const requests = await crawlCareerSite(stack);
    // robots.txt itself comes before its Crawl-delay is known.
    expectPaced(requests.filter((r) => r.path !== '/robots.txt'), 1000);
  }, 200_000);
});
