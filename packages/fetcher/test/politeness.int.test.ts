import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { page, useHarness } from './harness.ts';

const h = useHarness();
const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, 'politeness-child.ts');
const SLACK_MS = 15; // request start seen by the server vs. lease granted in Redis

function pacedStarts(marker: string): number[] {
  return h.server.requests.filter((r) => r.path.includes(marker)).map((r) => r.startedAt).sort((a, b) => a - b);
}

function gaps(starts: number[]): number[] {
  return starts.slice(1).map((t, i) => t - starts[i]!);
}

describe('per-host politeness shared through Redis', () => {
  it('keeps one request in flight and the minimum gap across two crawler processes', async () => {
    const base = {
      redisUrl: h.testRedis.url,
      keyPrefix: `${h.testRedis.prefix}:two-procs`,
      origin: h.server.origin,
      hostPort: h.server.hostPort,
      requests: 4,
      // Each response is held longer than the gap, so without shared leases two would overlap.
      minGapMs: 150,
      holdMs: 250,
    };
    const children = ['a', 'b'].map((tag) =>
      run(process.execPath, [CHILD, JSON.stringify({ ...base, tag })], { timeout: 60_000 }),
    );
    const outputs = await Promise.all(children);
    expect(outputs.map((o) => JSON.parse(o.stdout))).toEqual([{ ok: 4 }, { ok: 4 }]);
    const starts = pacedStarts('&from=');
    expect(starts).toHaveLength(8);
    expect(h.server.maxPacedInFlight).toBe(1);
    expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(base.minGapMs - SLACK_MS);
    // Both processes really took turns on the host rather than one finishing first.
    const order = h.server.requests.filter((r) => r.path.includes('&from=')).map((r) => r.path.includes('from=a') ? 'a' : 'b');
    expect(new Set(order.slice(0, 4)).size).toBe(2);
  });

  it('allows maxInFlight concurrent requests and paces starts by minGapMs within one process', async () => {
    const fetcher = h.fetcher({ politeness: 'on' });
    const urls = [0, 1, 2, 3].map((i) => `${h.server.origin}/paced?holdMs=400&inproc=${i}`);
    await Promise.all(urls.map((u) => fetcher.fetch(page(u), { politeness: { maxInFlight: 2, minGapMs: 100 } })));
    const starts = pacedStarts('&inproc=');
    expect(starts).toHaveLength(4);
    expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(100 - SLACK_MS);
    // Two may overlap, the third waits for a lease.
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(400 - SLACK_MS);
  });

  it('lets a crashed replica\'s lease expire', async () => {
    const prefix = `${h.testRedis.prefix}:crashed`;
    // A lease left behind by a replica that died mid-request, expiring in 300 ms.
    const now = await h.redis.time();
    const expiry = Number(now[0]) * 1000 + Math.floor(Number(now[1]) / 1000) + 300;
    await h.redis.zadd(`${prefix}:host:${h.server.hostPort}:leases`, expiry, 'dead-replica');
    const fetcher = h.fetcher({ keyPrefix: prefix, politeness: 'on', respectRobots: false });
    const started = Date.now();
    expect((await fetcher.fetch(page(`${h.server.origin}/ok?after-crash=1`))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
