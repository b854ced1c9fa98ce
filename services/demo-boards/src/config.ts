import { z } from 'zod';

// The one place this service reads process.env.

const intFrom = (fallback: number, min: number, max: number) =>
  z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max)).optional()
    .transform((v) => v ?? fallback);

const envSchema = z.object({
  PORT: intFrom(4010, 0, 65_535),
  HOST: z.string().min(1).default('127.0.0.1'),
  SEED: intFrom(20_261_120, 0, 2 ** 32 - 1),
  COUNT: intFrom(600, 1, 20_000),
  GENERATION: intFrom(0, 0, 100),
  BASE_URL: z.string().url().optional(),
  CRAWL_DELAY: intFrom(0, 0, 60),
  SLOW_MS: intFrom(1500, 0, 120_000),
  RATE_LIMIT_FIRST: intFrom(1, 0, 100),
  USAJOBS_API_KEY: z.string().min(1).default('demo-key'),
  BENCH_SITE_COUNT: intFrom(0, 0, 1_000_000),
});

export interface DemoBoardsConfig {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly count: number;
  readonly generation: number;
  readonly baseUrl: string | undefined;
  readonly crawlDelay: number;
  readonly slowMs: number;
  readonly rateLimitFirst: number;
  readonly usajobsApiKey: string;
  readonly benchCount: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): DemoBoardsConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid demo-boards configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT, host: e.HOST, seed: e.SEED, count: e.COUNT, generation: e.GENERATION, baseUrl: e.BASE_URL?.replace(/\/$/, ''),
    crawlDelay: e.CRAWL_DELAY, slowMs: e.SLOW_MS, rateLimitFirst: e.RATE_LIMIT_FIRST, usajobsApiKey: e.USAJOBS_API_KEY,
    benchCount: e.BENCH_SITE_COUNT,
  };
}
