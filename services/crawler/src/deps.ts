import type { Kysely } from 'kysely';
import type { DB, Repositories } from '@himatch/db';
import type { Fetcher } from '@himatch/fetcher';
import type { Producer } from '@himatch/queue';
import type { Logger } from '@himatch/runtime';

/** What the crawl processors need; main.ts builds it from config, tests from fixtures. */
export interface CrawlDeps {
  db: Kysely<DB>;
  repos: Repositories;
  producer: Producer;
  fetcher: Fetcher;
  logger: Logger;
  maxMissedRuns: number;
  /** Attempts of a crawl.page job, so the last one records the failure instead of throwing. */
  pageAttempts: number;
  /** First cooldown after a failed run; doubles with each consecutive failure (max 1 day). */
  cooldownBaseMs: number;
}
