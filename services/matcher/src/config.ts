import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const hostList = z.string().optional().transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const schema = baseEnvSchema.extend({
  MATCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** How long the in-memory profile index may be reused before it is rebuilt from Postgres. */
  PROFILE_INDEX_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** How many ranked listings are kept per candidate by match.candidate. */
  MATCHES_PER_CANDIDATE: z.coerce.number().int().min(1).max(5000).default(200),
  /** Where alerts are POSTed. Unset: alerts stay pending (never dropped) until it is set. */
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** HMAC-SHA256 key of the x-himatch-signature header; required with a webhook URL. */
  ALERT_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** host:port pairs the webhook may reach although they are private (local test receivers). */
  ALERT_ALLOW_PRIVATE_HOSTS: hostList,
  ALERT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  ALERT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Base delay of the alert.deliver backoff (catalog: 10 s, doubling, 8 attempts). */
  ALERT_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
}).refine((c) => !c.ALERT_WEBHOOK_URL || c.ALERT_WEBHOOK_SECRET, {
  path: ['ALERT_WEBHOOK_SECRET'], message: 'required when ALERT_WEBHOOK_URL is set (receivers verify the signature)',
});

export type MatcherConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): MatcherConfig {
  return parseEnv(schema, env);
}
