import { z } from 'zod';
import { baseEnvSchema, envBool, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  USER_AGENT: z.string().min(8).default('himatch-crawler/0.1 (+https://himatch.example/bot; bot@himatch.example)'),
  /** host:port entries the SSRF guard lets through (the local sample boards), comma-separated. */
  ALLOW_PRIVATE_HOSTS: z.string().default('').transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** Pacing off for allow-listed hosts (benchmarks only); robots.txt is still obeyed. */
  POLITENESS_OFF_FOR_ALLOWLISTED: envBool,
  MIN_GAP_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** A listing unseen by this many complete runs in a row is closed. */
  MAX_MISSED_RUNS: z.coerce.number().int().min(1).max(100).default(2),
  /** Postgres connections of this process; a few per busy crawl.page job at most. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

export type CrawlerConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CrawlerConfig {
  return parseEnv(schema, env);
}
