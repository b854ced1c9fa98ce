import { z } from 'zod';

/**
 * Parses a service's environment once, at start. On failure it names every bad variable in
 * one message (habit 1 of STYLE.md) instead of failing later on the first use.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(problems);
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Boolean env values: "1", "true", "yes", "on" (any case) are true. */
export const envBool = z
  .string()
  .optional()
  .transform((v) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim()));

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/himatch';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The variables every service shares. */
export const baseEnvSchema = z.object({
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  REDIS_URL: z.string().url().default(DEFAULT_REDIS_URL),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('himatch'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Lock lease of an active job: a worker that dies releases its jobs after this (BullMQ default 30 s). */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** How often stalled jobs of dead workers are looked for. */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
});
export type BaseEnv = z.infer<typeof baseEnvSchema>;
