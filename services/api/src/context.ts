import type { Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import type { Logger } from '@himatch/runtime';
import { ListingSearchRepository, MarketRepository, OperationsRepository, type DB, type FacetCounts, type Repositories } from '@himatch/db';
import type { Producer } from '@himatch/queue';
import { generateSessionSecret } from './admin-session.ts';
import { TtlCache } from './ttl-cache.ts';

/** What the app is built from; main.ts opens these, tests pass their own. */
export interface ApiDeps {
  db: Kysely<DB>;
  repos: Repositories;
  /** A Redis connection for rate limits, queue views and the dashboard (the caller closes it). */
  redis: Redis;
  producer: Producer;
  queuePrefix: string;
  rateLimit?: { max: number; windowMs: number };
  /** Wrong or revoked keys one address may present per window before it is refused (default 30 per 10 min). */
  authFailures?: { max: number; windowMs: number };
  /** Reuse of facet counts, market figures and gauges; 0 disables. Default 15 s. */
  aggregateCacheMs?: number;
  /** Signs the /admin dashboard session cookies; default: random per process (sessions end with it). */
  adminSessionSecret?: string;
  /** Proxies whose X-Forwarded-For is believed (addresses/CIDRs or a hop count); default none. */
  trustProxy?: string[];
  /** A pino logger, or false for none (tests). */
  logger?: Logger | false;
}

/** The deps plus the read models and caches the routes share. */
export interface RouteContext extends ApiDeps {
  search: ListingSearchRepository;
  market: MarketRepository;
  ops: OperationsRepository;
  facetCache: TtlCache<{ counts: FacetCounts; scanned: number; capped: boolean }>;
  marketCache: TtlCache<unknown>;
  sessionSecret: string;
}

export function routeContext(deps: ApiDeps): RouteContext {
  const ttl = deps.aggregateCacheMs ?? 15_000;
  return {
    ...deps,
    search: new ListingSearchRepository(deps.db),
    market: new MarketRepository(deps.db),
    ops: new OperationsRepository(deps.db),
    facetCache: new TtlCache<{ counts: FacetCounts; scanned: number; capped: boolean }>(ttl),
    marketCache: new TtlCache<unknown>(Math.max(ttl, 0)),
    sessionSecret: deps.adminSessionSecret ?? generateSessionSecret(),
  };
}
