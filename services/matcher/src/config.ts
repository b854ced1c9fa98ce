import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  MATCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** How long the in-memory profile index may be reused before it is rebuilt from Postgres. */
  PROFILE_INDEX_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** How many ranked listings are kept per candidate by match.candidate. */
  MATCHES_PER_CANDIDATE: z.coerce.number().int().min(1).max(5000).default(200),
});

export type MatcherConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): MatcherConfig {
  return parseEnv(schema, env);
}
