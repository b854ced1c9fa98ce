import { describe, expect, it } from 'vitest';
import { page, rejectionOf, useHarness } from './harness.ts';

const h = useHarness();
const hits = (prefix: string) => h.server.requests.filter((r) => r.path.startsWith(prefix));

describe('retries and failure classes', () => {
  it('retries a 503 and then succeeds', async () => {
    const response = await h.fetcher().fetch(page(`${h.server.origin}/flaky?key=a503&fails=1&code=503`));
    expect(response.status).toBe(200);
    expect(response.body).toBe('ok after 1 failures');
  });

  it('waits at least Retry-After (1 s) after a 429', async () => {
    const response = await h.fetcher().fetch(page(`${h.server.origin}/flaky?key=a429&fails=1&code=429&retryAfter=1`));
    expect(response.status).toBe(200);
    const [first, second] = hits('/flaky?key=a429').map((r) => r.startedAt);
    expect(second! - first!).toBeGreaterThanOrEqual(995);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 2000).toUTCString(); // second precision: ≥ 1 s ahead
    const url = `${h.server.origin}/flaky?key=adate&fails=1&code=503&retryAfter=${encodeURIComponent(at)}`;
    expect((await h.fetcher().fetch(page(url))).status).toBe(200);
    const [first, second] = hits('/flaky?key=adate').map((r) => r.startedAt);
    expect(second! - first!).toBeGreaterThanOrEqual(900);
  });

  it('gives up on a persistent 500 with a RetryableError after maxAttempts', async () => {
    const error = await rejectionOf(h.fetcher({ maxAttempts: 3 }).fetch(page(`${h.server.origin}/status?code=500&p=1`)));
    expect([error.name, error.code]).toEqual(['RetryableError', 'http_5xx']);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(hits('/status?code=500&p=1')).toHaveLength(3);
  });

  it('hands a long Retry-After to the queue instead of sleeping', async () => {
    const started = Date.now();
    const error = await rejectionOf(h.fetcher().fetch(page(`${h.server.origin}/status?code=503&retryAfter=3600`)));
    expect([error.code, error.retryAfterMs]).toEqual(['http_5xx', 3_600_000]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('classifies 404 and 410 as gone, other 4xx as http_4xx, without retrying', async () => {
    const fetcher = h.fetcher();
    for (const [code, expected] of [[404, 'gone'], [410, 'gone'], [403, 'http_4xx'], [400, 'http_4xx']] as const) {
      const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}/status?code=${code}&once=1`)));
      expect([code, error.name, error.code]).toEqual([code, 'PermanentError', expected]);
      expect(hits(`/status?code=${code}&once=1`)).toHaveLength(1);
    }
  });

  it('rejects a malformed FetchRequest as permanent', async () => {
    const error = await rejectionOf(h.fetcher().fetch({ url: 'not a url', role: 'list', step: 'x' }));
    expect([error.name, error.code]).toEqual(['PermanentError', 'invalid_request']);
  });

  it('turns a refused connection into a RetryableError', async () => {
    const closedPort = h.server.port + 7;
    const fetcher = h.fetcher({ allowPrivateHosts: [`127.0.0.1:${closedPort}`], respectRobots: false, maxAttempts: 2 });
    const error = await rejectionOf(fetcher.fetch(page(`http://127.0.0.1:${closedPort}/`)));
    expect([error.name, error.code]).toEqual(['RetryableError', 'connection']);
  });

  it('reports every exchange to the metrics hook', async () => {
    const metrics: Array<{ status: number | null; outcome: string; robots: boolean }> = [];
    const fetcher = h.fetcher({ onFetch: (m) => metrics.push(m) });
    await fetcher.fetch(page(`${h.server.origin}/flaky?key=metrics&fails=1&code=503`));
    expect(metrics.map((m) => [m.status, m.outcome, m.robots])).toEqual([
      [404, 'permanent', true],
      [503, 'retryable', false],
      [200, 'ok', false],
    ]);
  });
});
