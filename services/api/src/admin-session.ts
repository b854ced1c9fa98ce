// Browser sessions for the operator pages under /admin (the queue dashboard). A browser cannot
// add `Authorization: Bearer` to the dashboard's own requests, so an operator logs in once with
// the key and gets a cookie. The cookie never holds the key: it names the key's id and an
// expiry, signed with a server secret (HMAC-SHA256); every request re-checks that the key is
// still active and an operator, so revoking the key ends its sessions at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const ADMIN_COOKIE = 'himatch_admin';
export const ADMIN_PATH = '/admin';
export const ADMIN_LOGIN_PATH = `${ADMIN_PATH}/login`;
export const ADMIN_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const VERSION = 'v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A secret for this process only: sessions then end when it exits (set ADMIN_SESSION_SECRET to keep them). */
export const generateSessionSecret = (): string => randomBytes(32).toString('base64url');

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload, 'utf8').digest();
}

/** `v1.<keyId>.<expiry in epoch seconds>.<base64url HMAC of the rest>`. */
export function signAdminSession(secret: string, keyId: string, expiresAtMs: number): string {
  const payload = `${VERSION}.${keyId}.${Math.floor(expiresAtMs / 1000)}`;
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The key id of a well-signed, unexpired session value, else null. */
export function readAdminSession(secret: string, value: string, nowMs = Date.now()): string | null {
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  const [version, keyId, expiry, signature] = parts as [string, string, string, string];
  if (version !== VERSION || !UUID.test(keyId) || !/^\d{1,12}$/.test(expiry)) return null;
  const expected = mac(secret, `${version}.${keyId}.${expiry}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expiry) * 1000 > nowMs ? keyId : null;
}

/** One cookie's value from the Cookie header (the first of that name), else null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

/** HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it), only under /admin. */
export function sessionCookie(request: FastifyRequest, value: string, maxAgeMs = ADMIN_SESSION_TTL_MS): string {
  const attributes = [`${ADMIN_COOKIE}=${value}`, `Path=${ADMIN_PATH}`, `Max-Age=${Math.floor(maxAgeMs / 1000)}`, 'HttpOnly', 'SameSite=Strict'];
  if (isHttps(request)) attributes.push('Secure');
  return attributes.join('; ');
}

export const clearedSessionCookie = (request: FastifyRequest): string => sessionCookie(request, '', 0);

/** The session cookie is honoured only on /admin/* routes: the JSON API takes keys alone, so it has no CSRF surface. */
export function acceptsSessionCookie(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  return typeof url === 'string' && url.startsWith(`${ADMIN_PATH}/`);
}

/**
 * A state-changing request authenticated by cookie must come from this origin (SameSite=Strict
 * already keeps cross-site requests from carrying the cookie; this also covers old browsers).
 */
export function sameOrigin(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
