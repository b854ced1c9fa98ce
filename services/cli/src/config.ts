import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@himatch/runtime';

const schema = baseEnvSchema.extend({
  /**
   * Port of the local sample boards started by `himatch demo`. Fixed by default: the boards'
   * URLs are part of every posting, so a second demo on another port would change them all.
   */
  DEMO_BOARDS_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
});

export type CliConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return parseEnv(schema, env);
}
