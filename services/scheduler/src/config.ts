import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  /** How often `source` rows are reconciled into job schedulers, besides at start and on demand. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(30_000),
});

export type SchedulerConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  return parseEnv(schema, env);
}
