import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_COOKIE, signAdminSession } from './admin-session.ts';
import { bearer, createKey, createTestApp, type TestApp } from './test-support.ts';

const SECRET = 'test-admin-session-secret-0123456789abcdef';
let h: TestApp;
beforeAll(async () => { h = await createTestApp({ adminSessionSecret: SECRET }); }, 120_000);
afterAll(async () => { await h?.close(); }, 60_000);

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const login = (key: string) => h.app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: new URLSearchParams({ key }).toString() });
const withCookie = (value: string) => ({ cookie: `other=1; ${ADMIN_COOKIE}=${value}` });
const setCookie = (res: { headers: Record<string, unknown> }): string | undefined => {
  const header = res.headers['set-cookie'];
  return Array.isArray(header) ? String(header[0]) : typeof header === 'string' ? header : undefined;
};
/** The session value a successful login set. */
async function sessionOf(key: string): Promise<string> {
  const res = await login(key);
  expect(res.statusCode).toBe(303);
  const value = /^himatch_admin=([^;]+);/.exec(setCookie(res) ?? '')?.[1];
  if (!value) throw new Error('no session cookie');
  return value;
}
const dashboard = (value: string, url = '/admin/queues') => h.app.inject({ url, headers: withCookie(value) });

describe('queue dashboard login', () => {
  it('serves a self-contained login form', async () => {
    const res = await h.app.inject({ url: '/admin/login' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<form method="post" action="/admin/login">');
    expect(res.body).toContain('name="key" type="password"');
    expect(res.body).not.toMatch(/<script|<link|src=|https?:\/\//);
  });

  it('an operator key logs in: a signed HttpOnly, SameSite=Strict cookie for /admin, then the dashboard answers', async () => {
    const res = await login(h.keys.operator);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/queues');
    const cookie = setCookie(res) ?? '';
    expect(cookie).toMatch(/^himatch_admin=v1\.[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]+; /);
    expect(cookie).toContain('Path=/admin;');
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure'); // plain http here; https adds it (admin-session.test.ts)
    expect(cookie).not.toContain(h.keys.operator.split('_').slice(2).join('_'));
    const value = await sessionOf(h.keys.operator);
    expect((await dashboard(value)).statusCode).toBe(200);
    expect((await dashboard(value, '/admin/queues/api/queues')).statusCode).toBe(200);
    // Without a session the dashboard stays closed; a browser is sent to the form.
    expect((await h.app.inject({ url: '/admin/queues' })).statusCode).toBe(401);
    const browser = await h.app.inject({ url: '/admin/queues', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe('/admin/login');
  });

  it.each([
    ['recruiter', () => h.keys.recruiter],
    ['candidate', () => h.keys.candidate],
    ['revoked', () => h.keys.revoked],
    ['unknown', () => `hm_0badc0de_${'a'.repeat(32)}`],
    ['malformed', () => "' or 1=1 --"],
    ['empty', () => ''],
  ])('a %s key gets the form again with 401 and no cookie', async (_name, key) => {
    const res = await login(key());
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('That is not an active operator key.');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a tampered, expired, foreign-secret or non-operator session answers 401', async () => {
    const value = await sessionOf(h.keys.operator);
    const [version, keyId, expiry, signature] = value.split('.') as [string, string, string, string];
    const later = `${version}.${keyId}.${Number(expiry) + 3600}.${signature}`;
    const flipped = `${version}.${keyId}.${expiry}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const expired = signAdminSession(SECRET, keyId, Date.now() - 1000);
    const foreign = signAdminSession('another-secret-another-secret-another', keyId, Date.now() + 60_000);
    const recruiterId = (await h.repos.apiKeys.list()).find((k) => k.role === 'recruiter' && !k.revokedAt)?.id ?? '';
    const recruiter = signAdminSession(SECRET, recruiterId, Date.now() + 60_000);
    for (const bad of [later, flipped, expired, foreign, recruiter, 'v1.x.y.z', '']) {
      const res = await dashboard(bad);
      expect(res.statusCode, bad).toBe(401);
    }
    expect((await dashboard(value)).statusCode).toBe(200);
  });

  it('the cookie is accepted only under /admin/, never by the JSON API', async () => {
    const value = await sessionOf(h.keys.operator);
    for (const url of ['/sources', '/keys', '/metrics', '/queues', '/listings']) {
      expect((await h.app.inject({ url, headers: withCookie(value) })).statusCode, url).toBe(401);
    }
    const before = (await h.repos.sources.list()).length;
    const created = await h.app.inject({
      method: 'POST', url: '/sources', headers: { ...withCookie(value), 'content-type': 'application/json' },
      payload: { kind: 'greenhouse', name: 'via-cookie', config: { boardToken: 'x' } },
    });
    expect(created.statusCode).toBe(401);
    // The form parser exists for the login routes only: the JSON API refuses form posts.
    const form = await h.app.inject({ method: 'POST', url: '/sources', headers: { ...bearer(h.keys.operator), ...FORM }, payload: 'kind=greenhouse&name=form' });
    expect(form.statusCode).toBe(415);
    expect((await h.repos.sources.list()).length).toBe(before);
  });

  it('a state-changing dashboard request from another origin is refused', async () => {
    const value = await sessionOf(h.keys.operator);
    const pause = await h.app.inject({
      method: 'PUT', url: '/admin/queues/api/queues/crawler/pause', headers: { ...withCookie(value), origin: 'https://evil.example' },
    });
    expect(pause.statusCode).toBe(403);
    const crossLogin = await h.app.inject({ method: 'POST', url: '/admin/login', headers: { ...FORM, origin: 'https://evil.example' }, payload: `key=${h.keys.operator}` });
    expect(crossLogin.statusCode).toBe(403);
    expect(crossLogin.headers['set-cookie']).toBeUndefined();
  });

  it('revoking the key ends its sessions; logout clears the cookie', async () => {
    const { key, id } = await createKey(h.repos, 'operator');
    const value = await sessionOf(key);
    expect((await dashboard(value)).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'DELETE', url: `/keys/${id}`, headers: bearer(h.keys.operator) })).statusCode).toBe(204);
    expect((await dashboard(value)).statusCode).toBe(401);
    expect((await login(key)).statusCode).toBe(401);

    const out = await h.app.inject({ method: 'POST', url: '/admin/logout', headers: { ...withCookie(await sessionOf(h.keys.operator)), ...FORM }, payload: '' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/login');
    expect(setCookie(out)).toMatch(/^himatch_admin=; Path=\/admin; Max-Age=0; HttpOnly; SameSite=Strict/);
  });
});
