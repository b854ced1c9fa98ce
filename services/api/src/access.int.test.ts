import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from './test-support.ts';

let h: TestApp;
beforeAll(async () => { h = await createTestApp(); }, 120_000);
afterAll(async () => { await h?.close(); }, 60_000);

const UUID = '00000000-0000-4000-8000-000000000000';
const sourceCount = async () => (await h.repos.sources.list()).length;

describe('access', () => {
  it('every route declares its access, and the OpenAPI document lists every API route', async () => {
    const routes = h.app.himatchRoutes;
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) expect(route.config?.access, `${String(route.method)} ${route.url}`).toBeDefined();
    const doc = JSON.parse((await h.app.inject({ url: '/docs/json' })).body) as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const api = routes.filter((r) => !r.url.startsWith('/docs') && !r.url.startsWith('/admin/queues'))
      .flatMap((r) => [r.method].flat().filter((m) => m !== 'HEAD').map((m) => `${m} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    for (const route of api) expect(documented.has(route), route).toBe(true);
  });

  it('401 for a missing, malformed, unknown or revoked key; the public routes need none', async () => {
    expect((await h.app.inject({ url: '/listings' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/listings', headers: bearer('hm_nothex_abc') })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/listings', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/listings', headers: bearer(`hm_0badc0de_${'a'.repeat(32)}`) })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/listings', headers: bearer(h.keys.revoked) })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/listings', headers: { 'x-api-key': h.keys.recruiter } })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/docs/json' })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/admin/queues' })).statusCode).toBe(401);
  });

  it('403 for a role the route does not allow, with no side effect', async () => {
    const before = await sourceCount();
    const create = await h.app.inject({ method: 'POST', url: '/sources', headers: bearer(h.keys.recruiter), payload: { kind: 'greenhouse', name: 'x', config: { boardToken: 'x' } } });
    expect(create.statusCode).toBe(403);
    expect(await sourceCount()).toBe(before);
    expect((await h.app.inject({ url: '/sources', headers: bearer(h.keys.candidate) })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/listings', headers: bearer(h.keys.candidate) })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/metrics', headers: bearer(h.keys.recruiter) })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/admin/queues', headers: bearer(h.keys.recruiter) })).statusCode).toBe(403);
    expect((await h.app.inject({ url: `/candidates/${h.candidateId}/matches`, headers: bearer(h.keys.recruiter) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/keys', headers: bearer(h.keys.recruiter), payload: { role: 'operator' } })).statusCode).toBe(403);
  });

  it('a candidate key reaches only its own candidate (another id answers 404)', async () => {
    for (const path of ['profile', 'matches', 'gaps', 'alerts']) {
      expect((await h.app.inject({ url: `/candidates/${h.candidateId}/${path}`, headers: bearer(h.keys.candidate) })).statusCode, path).toBe(200);
      expect((await h.app.inject({ url: `/candidates/${h.otherCandidateId}/${path}`, headers: bearer(h.keys.candidate) })).statusCode, path).toBe(404);
      expect((await h.app.inject({ url: `/candidates/${UUID}/${path}`, headers: bearer(h.keys.candidate) })).statusCode, path).toBe(404);
      expect((await h.app.inject({ url: `/candidates/${h.otherCandidateId}/${path}`, headers: bearer(h.keys.operator) })).statusCode, path).toBe(200);
    }
    const put = await h.app.inject({ method: 'PUT', url: `/candidates/${h.otherCandidateId}/profile`, headers: bearer(h.keys.candidate), payload: {} });
    expect(put.statusCode).toBe(404);
  });

  it('request ids are echoed or generated; errors name the field', async () => {
    const echoed = await h.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const generated = await h.app.inject({ url: '/health', headers: { 'x-request-id': '<script>' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await h.app.inject({ url: '/listings?minPay=lots', headers: bearer(h.keys.recruiter) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', field: 'minPay' });
  });

  it('keys: created once (usable at once), listed without secrets, revoked to 401', async () => {
    const created = await h.app.inject({ method: 'POST', url: '/keys', headers: bearer(h.keys.operator), payload: { role: 'candidate', candidateId: h.candidateId, label: 'mine' } });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json<{ key: string; id: string }>();
    expect((await h.app.inject({ url: `/candidates/${h.candidateId}/profile`, headers: bearer(key) })).statusCode).toBe(200);
    const listed = await h.app.inject({ url: '/keys', headers: bearer(h.keys.operator) });
    expect(listed.body).not.toContain(key);
    // The key's use is recorded (written off the request path, so poll briefly).
    await expect.poll(async () => {
      const { keys } = (await h.app.inject({ url: '/keys', headers: bearer(h.keys.operator) })).json<{ keys: { id: string; lastUsedAt: string | null }[] }>();
      return keys.find((k) => k.id === id)?.lastUsedAt ?? null;
    }, { timeout: 5000 }).not.toBeNull();
    expect(listed.body).not.toContain('hash');
    expect((await h.app.inject({ method: 'POST', url: '/keys', headers: bearer(h.keys.operator), payload: { role: 'candidate' } })).json()).toMatchObject({ field: 'candidateId' });
    expect((await h.app.inject({ method: 'DELETE', url: `/keys/${id}`, headers: bearer(h.keys.operator) })).statusCode).toBe(204);
    expect((await h.app.inject({ url: `/candidates/${h.candidateId}/profile`, headers: bearer(key) })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'DELETE', url: `/keys/${id}`, headers: bearer(h.keys.operator) })).statusCode).toBe(404);
  });

  it('candidates: created by operators, profile replaced with 400 naming a bad field', async () => {
    const created = await h.app.inject({ method: 'POST', url: '/candidates', headers: bearer(h.keys.operator), payload: { radiusMiles: 30 } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const bad = await h.app.inject({ method: 'PUT', url: `/candidates/${id}/profile`, headers: bearer(h.keys.operator), payload: { credentials: [{ id: 'NOPE', status: 'active' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ field: string }>().field).toMatch(/^credentials\.0\.id/);
    const ok = await h.app.inject({ method: 'PUT', url: `/candidates/${id}/profile`, headers: bearer(h.keys.operator), payload: { radiusMiles: 75 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ profile: { radiusMiles: number } }>().profile.radiusMiles).toBe(75);
  });

  it('per-key rate limit answers 429 once the window is used up', async () => {
    const limited = await createTestApp({ rateLimitMax: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ url: '/listings', headers: bearer(limited.keys.recruiter) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      // Another key has its own budget.
      expect((await limited.app.inject({ url: '/listings', headers: bearer(limited.keys.operator) })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  }, 120_000);

  it('refuses an address that keeps presenting wrong keys, before any key lookup, while others and valid keys elsewhere go on', async () => {
    const limited = await createTestApp({ authFailureMax: 3 });
    try {
      const guess = (i: number, from: string) => limited.app.inject({ url: '/listings', remoteAddress: from, headers: bearer(`hm_guess${i}_${'x'.repeat(40)}`) });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await guess(i, '198.51.100.4')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      // Locked out: even the address's valid key waits for the window to end.
      const locked = await limited.app.inject({ url: '/listings', remoteAddress: '198.51.100.4', headers: bearer(limited.keys.recruiter) });
      expect(locked.statusCode).toBe(429);
      expect(locked.json<{ message: string }>().message).toMatch(/too many failed authentications/);
      // Another address is unaffected; a missing key guesses nothing and is not counted.
      expect((await limited.app.inject({ url: '/listings', remoteAddress: '198.51.100.5', headers: bearer(limited.keys.recruiter) })).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) expect((await limited.app.inject({ url: '/listings', remoteAddress: '198.51.100.6' })).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  }, 120_000);

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const lockouts = async (trustProxy: string[] | undefined) => {
      const limited = await createTestApp({ authFailureMax: 1, ...(trustProxy ? { trustProxy } : {}) });
      try {
        const codes: number[] = [];
        // Three clients behind one proxy (inject comes from 127.0.0.1), one wrong key each.
        for (const client of ['203.0.113.7', '203.0.113.8', '203.0.113.9']) {
          codes.push((await limited.app.inject({ url: '/listings', headers: { 'x-forwarded-for': client, ...bearer(`hm_guess_${'y'.repeat(40)}`) } })).statusCode);
        }
        return codes;
      } finally {
        await limited.close();
      }
    };
    expect(await lockouts(['127.0.0.1'])).toEqual([401, 401, 401]);
    // Without a trusted proxy the header is ignored: the three share the proxy's address.
    expect(await lockouts(undefined)).toEqual([401, 429, 429]);
  }, 120_000);
});
