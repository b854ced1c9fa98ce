import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  NORMALIZE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
});

export type NormalizerConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): NormalizerConfig {
  return parseEnv(schema, env);
}
