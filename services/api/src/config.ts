import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Requests per key (or per address without a key) in each window. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** Wrong or revoked API keys one client address may present per window before it is refused with 429. */
  AUTH_FAILURE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(30),
  AUTH_FAILURE_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  /** Database pool of the API process. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** How long facet counts, market figures and listing gauges may be reused. */
  AGGREGATE_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /**
   * Signs the queue dashboard's session cookies (/admin/login). Unset: a random secret per
   * process, so sessions end on restart and do not carry across API replicas. Empty counts as
   * unset (docker-compose passes `${ADMIN_SESSION_SECRET:-}` through).
   */
  ADMIN_SESSION_SECRET: z.string().optional().transform((v) => (v === '' ? undefined : v)).pipe(z.string().min(32).optional()),
  /**
   * The reverse proxies in front of the API, whose X-Forwarded-For names the client (its
   * address keys the rate limits of requests without a valid key): a comma-separated list of
   * addresses or CIDR ranges. Unset: the header is ignored, so a client cannot pick its own
   * address.
   */
  TRUST_PROXY: z.string().trim().min(1).optional().transform((v, ctx) => {
    if (v === undefined) return undefined;
    const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
    for (const entry of entries) {
      if (!/^[0-9a-fA-F:.]+(?:\/\d{1,3})?$/.test(entry)) {
        ctx.addIssue({ code: 'custom', message: `not an address or CIDR range: ${entry}` });
        return z.NEVER;
      }
    }
    return entries;
  }),
});

export type ApiConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return parseEnv(schema, env);
}
