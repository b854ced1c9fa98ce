import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { cookieValue, readAdminSession, sessionCookie, signAdminSession } from './admin-session.ts';

const SECRET = 'unit-secret-unit-secret-unit-secret';
const KEY_ID = '0d7c8a3e-5b1f-4c2a-9e6d-1f2a3b4c5d6e';

describe('admin sessions', () => {
  it('reads back its own key id until the expiry, and nothing else', () => {
    const now = Date.UTC(2026, 10, 26);
    const value = signAdminSession(SECRET, KEY_ID, now + 60_000);
    expect(readAdminSession(SECRET, value, now)).toBe(KEY_ID);
    expect(readAdminSession(SECRET, value, now + 60_000)).toBeNull();
    expect(readAdminSession(`${SECRET}x`, value, now)).toBeNull();
    expect(readAdminSession(SECRET, value.replace(KEY_ID, KEY_ID.replace('0d7c', '0d7d')), now)).toBeNull();
    expect(readAdminSession(SECRET, `${value}.extra`, now)).toBeNull();
    expect(readAdminSession(SECRET, value.slice(0, -1), now)).toBeNull();
  });

  it('finds one cookie among several', () => {
    expect(cookieValue('a=1; himatch_admin=v1.x; b=2', 'himatch_admin')).toBe('v1.x');
    expect(cookieValue('xhimatch_admin=1', 'himatch_admin')).toBeNull();
    expect(cookieValue(undefined, 'himatch_admin')).toBeNull();
  });

  it('marks the cookie Secure on https only', () => {
    const https = sessionCookie({ protocol: 'https' } as FastifyRequest, 'v');
    const http = sessionCookie({ protocol: 'http' } as FastifyRequest, 'v');
    expect(https).toBe('himatch_admin=v; Path=/admin; Max-Age=28800; HttpOnly; SameSite=Strict; Secure');
    expect(http).not.toContain('Secure');
  });
});
