import { describe, expect, it } from 'vitest';
import { page, rejectionOf, useHarness, USER_AGENT } from './harness.ts';

const h = useHarness();

describe('robots.txt', () => {
  it('refuses a disallowed path for our token and allows the rest', async () => {
    h.server.robots = {
      status: 200,
      body: 'User-agent: *\nDisallow: /\n\nUser-agent: himatch-bot\nDisallow: /private\nAllow: /\n',
    };
    const fetcher = h.fetcher();
    const before = h.server.requests.length;
    const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}/private/job-1`)));
    expect([error.name, error.code]).toEqual(['PermanentError', 'robots_denied']);
    const sent = h.server.requests.slice(before);
    expect(sent.map((r) => r.path)).toEqual(['/robots.txt']);
    expect(sent[0]!.headers['user-agent']).toBe(USER_AGENT);
    expect((await fetcher.fetch(page(`${h.server.origin}/ok`))).status).toBe(200);
  });

  it('fetches robots.txt once per origin and caches it in Redis', async () => {
    h.server.robots = { status: 200, body: 'User-agent: *\nAllow: /\n' };
    const fetcher = h.fetcher();
    const countRobots = () => h.server.requests.filter((r) => r.path === '/robots.txt').length;
    const before = countRobots();
    await Promise.all([1, 2, 3].map((i) => fetcher.fetch(page(`${h.server.origin}/ok?i=${i}`))));
    await fetcher.fetch(page(`${h.server.origin}/ok?i=4`));
    expect(countRobots() - before).toBe(1);
    const keys = await h.redis.keys(`${h.testRedis.prefix}:*:robots:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('treats a 404 robots.txt as allow-all', async () => {
    h.server.robots = { status: 404, body: 'not found' };
    const response = await h.fetcher().fetch(page(`${h.server.origin}/private/anything`));
    expect(response.status).toBe(200);
  });

  it('treats a 500 robots.txt as disallow-all, retryable later', async () => {
    h.server.robots = { status: 500, body: 'oops' };
    const fetcher = h.fetcher({ robotsErrorTtlMs: 60_000 });
    const before = h.server.requests.length;
    for (const path of ['/ok', '/private/x', '/']) {
      const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}${path}`)));
      expect([error.name, error.code]).toEqual(['RetryableError', 'robots_unreachable']);
      expect(error.retryAfterMs).toBeGreaterThan(0);
    }
    // Only the one robots.txt fetch reached the server; its failure is cached.
    expect(h.server.requests.slice(before).map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('honours Crawl-delay as the minimum gap between requests', async () => {
    h.server.robots = { status: 200, body: 'User-agent: himatch-bot\nCrawl-delay: 0.6\nAllow: /\n' };
    const fetcher = h.fetcher({ politeness: 'on', defaults: { minGapMs: 50 } });
    await Promise.all([1, 2, 3].map((i) => fetcher.fetch(page(`${h.server.origin}/ok?crawl=${i}`))));
    const starts = h.server.requests.filter((r) => r.path.startsWith('/ok?crawl=')).map((r) => r.startedAt).sort((a, b) => a - b);
    expect(starts).toHaveLength(3);
    // The gap is enforced when the lease is granted; the server sees the request a little
    // later, by a delay that varies with machine load. Without Crawl-delay the gap is 50 ms.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(550);
  });
});
