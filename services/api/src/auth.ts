import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Redis } from 'ioredis';
import { apiKeyPrefix, hashApiKey, type ApiKeyRoleName } from '@himatch/core';
import type { ApiKeyRepository, ApiKeySummary } from '@himatch/db';
import { ADMIN_COOKIE, ADMIN_LOGIN_PATH, acceptsSessionCookie, cookieValue, readAdminSession, sameOrigin } from './admin-session.ts';
import { HttpError, notFound } from './errors.ts';

/** Who may call a route: a list of roles, or 'public'. Every route declares one (checked at registration). */
export type Access = readonly ApiKeyRoleName[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    apiKey: ApiKeySummary | null;
  }
}

/** Routes registered by plugins (OpenAPI UI, queue dashboard) get their access from their prefix. */
const PLUGIN_PREFIXES: { prefix: string; access: Access }[] = [
  { prefix: '/docs', access: 'public' },
  { prefix: '/admin/queues', access: ['operator'] },
];

export const unauthorized = (message: string): HttpError => new HttpError(401, 'unauthorized', message);

/** The presented key: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    return match?.[1] ?? '';
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

/** Every route must say who may call it; plugin routes are covered by their prefix. */
export function declareAccess(route: RouteOptions): Access {
  const config = (route.config ?? {}) as { access?: Access };
  if (config.access) return config.access;
  const plugin = PLUGIN_PREFIXES.find((p) => route.url === p.prefix || route.url.startsWith(`${p.prefix}/`));
  if (!plugin) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
  route.config = { ...config, access: plugin.access };
  return plugin.access;
}

/** The active key a presented secret belongs to; 401 when it is malformed, unknown or revoked. */
export async function verifyApiKey(apiKeys: ApiKeyRepository, key: string): Promise<ApiKeySummary> {
  if (apiKeyPrefix(key) === null) throw unauthorized('malformed API key');
  const found = await apiKeys.findByHash(hashApiKey(key));
  if (!found) throw unauthorized('unknown or revoked API key');
  return found;
}

const wantsPage = (request: FastifyRequest): boolean => request.method === 'GET' && /\btext\/html\b/.test(request.headers.accept ?? '');

/** The key behind an /admin session cookie, re-checked as active on every request; 401 otherwise. */
async function sessionKey(request: FastifyRequest, apiKeys: ApiKeyRepository, secret: string): Promise<ApiKeySummary> {
  const value = cookieValue(request.headers.cookie, ADMIN_COOKIE);
  if (!value) throw unauthorized('missing API key: send Authorization: Bearer <key>, or log in at /admin/login');
  const keyId = readAdminSession(secret, value);
  if (!keyId) throw unauthorized('invalid or expired session: log in again at /admin/login');
  const found = await apiKeys.findActiveById(keyId);
  if (!found) throw unauthorized('the session\'s key was revoked: log in again at /admin/login');
  if (found.role !== 'operator') throw unauthorized('sessions are for operator keys');
  if (!sameOrigin(request)) throw new HttpError(403, 'forbidden', 'cross-origin request refused');
  return found;
}

/** How often a key's last use is written: at most once a minute per key, off the request path. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Failed authentications per client address, shared by the API's replicas through Redis: the
 * per-key rate limit cannot stop key guessing (every guess is a new key), so an address that
 * failed `max` times in the window is answered 429 before any key lookup until it ends.
 */
export interface AuthFailureLimit {
  redis: Redis;
  /** Redis key prefix (the queue prefix). */
  prefix: string;
  max: number;
  windowMs: number;
}

function failureCounter(limit: AuthFailureLimit) {
  const keyOf = (request: FastifyRequest) => `${limit.prefix}:authfail:${request.ip}`;
  return {
    async refuseIfLocked(request: FastifyRequest): Promise<void> {
      const key = keyOf(request);
      const [count, ttl] = await Promise.all([limit.redis.get(key), limit.redis.pttl(key)]);
      if (Number(count ?? 0) >= limit.max) {
        throw new HttpError(429, 'rate_limited', `too many failed authentications from this address; retry in ${Math.ceil(Math.max(ttl, 1000) / 1000)} s`);
      }
    },
    async record(request: FastifyRequest): Promise<void> {
      const key = keyOf(request);
      await limit.redis.multi().incr(key).pexpire(key, limit.windowMs, 'NX').exec();
    },
  };
}

/** `sessionSecret` signs the /admin session cookies (see admin-session.ts). */
export function installAuth(app: FastifyInstance, apiKeys: ApiKeyRepository, sessionSecret: string, failureLimit?: AuthFailureLimit): void {
  const failures = failureLimit ? failureCounter(failureLimit) : null;
  const touched = new Map<string, number>();
  const touch = (id: string): void => {
    const now = Date.now();
    if (now - (touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    touched.set(id, now);
    apiKeys.touchLastUsed(id).catch((error: unknown) => app.log.warn({ err: error }, 'could not record key use'));
  };
  app.decorateRequest('apiKey', null);
  app.addHook('onRoute', (route) => {
    declareAccess(route);
  });
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const key = presentedKey(request);
    let found: ApiKeySummary;
    try {
      if (key !== null) {
        await failures?.refuseIfLocked(request);
        found = await verifyApiKey(apiKeys, key);
      } else if (acceptsSessionCookie(request)) {
        try {
          found = await sessionKey(request, apiKeys, sessionSecret);
        } catch (error) {
          // A browser opening the dashboard without a session is sent to the login form.
          if (error instanceof HttpError && error.statusCode === 401 && wantsPage(request)) return reply.redirect(ADMIN_LOGIN_PATH, 303);
          throw error;
        }
      } else throw unauthorized('missing API key: send Authorization: Bearer <key>');
    } catch (error) {
      // A wrong or revoked key counts against the address (a missing one guesses nothing).
      if (key !== null && error instanceof HttpError && error.statusCode === 401) await failures?.record(request);
      throw error;
    }
    if (!access.includes(found.role)) throw new HttpError(403, 'forbidden', `role ${found.role} may not call this route`);
    request.apiKey = found;
    touch(found.id);
  });
}

/**
 * A candidate key reaches only its own candidate; another id answers 404 (not 403) so ids
 * cannot be probed. Operators reach every candidate.
 */
export function assertCandidateAccess(request: FastifyRequest, candidateId: string): void {
  const key = request.apiKey;
  if (key?.role === 'operator') return;
  if (key?.role === 'candidate' && key.candidateId === candidateId) return;
  throw notFound('candidate');
}
