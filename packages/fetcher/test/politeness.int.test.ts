import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { page, useHarness } from './harness.ts';

const h = useHarness();
const CHILD = path.join(import.meta.dirname, 'politeness-child.ts');
// The gap runs from when a request goes on the wire; the server sees it a little later, by a
// delay that varies with machine load (CI runs test files in parallel). Without pacing gaps are ~0.
const SLACK_MS = 50;

function pacedStarts(marker: string): number[] {
  return h.server.requests.filter((r) => r.path.includes(marker)).map((r) => r.startedAt).sort((a, b) => a - b);
}

function gaps(starts: number[]): number[] {
  return starts.slice(1).map((t, i) => t - starts[i]!);
}

/** Starts two replica processes, releases them together once both are warm, returns their summaries. */
async function runTwoReplicas(run: string, settings: { requests: number; minGapMs: number; holdMs: number }) {
  const base = {
    redisUrl: h.testRedis.url,
    keyPrefix: `${h.testRedis.prefix}:${run}`,
    origin: h.server.origin,
    hostPort: h.server.hostPort,
    ...settings,
  };
  const children = ['a', 'b'].map((tag) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify({ ...base, tag: `${run}${tag}` })], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const ready = new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready\n')) resolve();
    }));
    const done = new Promise<string>((resolve, reject) => child.on('exit', (code) =>
      code === 0 ? resolve(out.replace('ready\n', '')) : reject(new Error(`replica ${tag} exited with ${code}`))));
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const { child } of children) child.stdin.write('go\n');
  return (await Promise.all(children.map((c) => c.done))).map((o) => JSON.parse(o) as { ok: number });
}

describe('per-host politeness shared through Redis', () => {
  it('keeps at most one request in flight across two crawler processes', async () => {
    // Each response is held longer than the gap, so without shared leases they would overlap.
    const summaries = await runTwoReplicas('inflight', { requests: 4, minGapMs: 100, holdMs: 250 });
    expect(summaries).toEqual([{ ok: 4 }, { ok: 4 }]);
    expect(pacedStarts('&from=inflight')).toHaveLength(8);
    expect(h.server.maxPacedInFlight).toBe(1);
    // All eight were asked for at once and ran one after another, each held 250 ms. (Which
    // replica wins each release is up to their polling: the order is not asserted.)
    const starts = pacedStarts('&from=inflight');
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(7 * 250 - SLACK_MS);
  });

  it('keeps the minimum gap between request starts across two crawler processes', async () => {
    // Responses are quick, so only the shared next-allowed time spaces the requests.
    const summaries = await runTwoReplicas('gap', { requests: 4, minGapMs: 300, holdMs: 10 });
    expect(summaries).toEqual([{ ok: 4 }, { ok: 4 }]);
    const starts = pacedStarts('&from=gap');
    expect(starts).toHaveLength(8);
    expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(300 - SLACK_MS);
  });

  it('counts the gap from when a request goes on the wire, not from the grant of its slot', async () => {
    // Two replicas sharing pacing; the first one's connection takes 250 ms to set up (a slow
    // DNS answer), so its request reaches the host well after its slot was granted.
    const shared = { keyPrefix: `${h.testRedis.prefix}:wire`, politeness: 'on' as const, respectRobots: false, defaults: { minGapMs: 300 } };
    const host = `localhost:${h.server.hostPort.split(':')[1]}`;
    const loopback = [{ address: '127.0.0.1', family: 4 }];
    const slow = h.fetcher({ ...shared, allowPrivateHosts: [host], resolve: async () => { await new Promise((r) => setTimeout(r, 250)); return loopback; } });
    const quick = h.fetcher({ ...shared, allowPrivateHosts: [host], resolve: async () => loopback });
    const first = slow.fetch(page(`http://${host}/paced?holdMs=10&wire=slow`));
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([first, quick.fetch(page(`http://${host}/paced?holdMs=10&wire=quick`))]);
    const starts = pacedStarts('&wire=');
    expect(starts).toHaveLength(2);
    // Counted from the grant, the second request would reach the host ~50 ms after the first.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(300 - SLACK_MS);
  });

  it('allows maxInFlight concurrent requests and paces starts by minGapMs within one process', async () => {
    const fetcher = h.fetcher({ politeness: 'on', defaults: { minGapMs: 100 } });
    const urls = [0, 1, 2, 3].map((i) => `${h.server.origin}/paced?holdMs=800&inproc=${i}`);
    await Promise.all(urls.map((u) => fetcher.fetch(page(u), { politeness: { maxInFlight: 2, minGapMs: 300 } })));
    const starts = pacedStarts('&inproc=');
    expect(starts).toHaveLength(4);
    expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(300 - SLACK_MS);
    // Two overlap (300 ms apart, each held 800 ms); the third waits for a lease.
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(800 - SLACK_MS);
  });

  it('renews the lease of a request that outlives the lease time', async () => {
    const fetcher = h.fetcher({ keyPrefix: `${h.testRedis.prefix}:renew`, politeness: 'on', respectRobots: false, leaseTtlMs: 300, defaults: { minGapMs: 0 } });
    // The first response is held 1,200 ms, four lease lifetimes: without renewal the second
    // request would start while the first is still in flight.
    const urls = [`${h.server.origin}/paced?holdMs=1200&renew=0`, `${h.server.origin}/paced?holdMs=10&renew=1`];
    const first = fetcher.fetch(page(urls[0]!));
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([first, fetcher.fetch(page(urls[1]!))]);
    const starts = pacedStarts('&renew=');
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1200 - SLACK_MS);
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
