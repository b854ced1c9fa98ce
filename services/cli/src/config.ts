import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  /** Port of the local sample boards started by `himatch demo` (0: any free port). */
  DEMO_BOARDS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export type CliConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return parseEnv(schema, env);
}
