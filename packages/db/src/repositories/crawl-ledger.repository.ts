import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';

export type PageRole = 'list' | 'detail' | 'discovery';
export type PageStatus = 'pending' | 'done' | 'skipped' | 'failed';

export interface RunTally {
  pending: number;
  failedPages: number;
  failedListPages: number;
  doneListPages: number;
}

export interface CrawlFailureInput {
  runId: string;
  sourceId: string;
  url: string;
  externalId: string | null;
  reason: string;
}

/**
 * The pages a crawl run owes and what each came to: reads and failure records. Registering
 * and completing pages (idempotent per run and request key, so a crawl.page job that runs
 * twice after a crash neither double-counts nor finishes the run early) live in
 * crawl-page.store.ts, one statement each on the crawler's hot path.
 */
export class CrawlLedgerRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }


  getPage(runId: string, key: string): Promise<{ status: string; role: string } | undefined> {
    return this.#db.selectFrom('crawlPage').select(['status', 'role']).where('runId', '=', runId).where('requestKey', '=', key).executeTakeFirst();
  }


  async tally(runId: string): Promise<RunTally> {
    const row = await this.#db
      .selectFrom('crawlPage')
      .select([
        sql<number>`count(*) filter (where status = 'pending')::int`.as('pending'),
        sql<number>`count(*) filter (where status = 'failed')::int`.as('failedPages'),
        sql<number>`count(*) filter (where status = 'failed' and role <> 'detail')::int`.as('failedListPages'),
        sql<number>`count(*) filter (where status = 'done' and role <> 'detail')::int`.as('doneListPages'),
      ])
      .where('runId', '=', runId)
      .executeTakeFirstOrThrow();
    return row;
  }

  async recordFailure(failure: CrawlFailureInput): Promise<void> {
    await this.#db
      .insertInto('crawlFailure')
      .values({ ...failure, reason: failure.reason.slice(0, 2000) })
      .execute();
  }

  async firstFailureReason(runId: string): Promise<string | null> {
    const row = await this.#db.selectFrom('crawlFailure').select('reason').where('runId', '=', runId).orderBy('createdAt').limit(1).executeTakeFirst();
    return row?.reason ?? null;
  }

  listFailures(runId: string, limit = 100): Promise<{ url: string; externalId: string | null; reason: string; createdAt: Date }[]> {
    return this.#db.selectFrom('crawlFailure').select(['url', 'externalId', 'reason', 'createdAt']).where('runId', '=', runId).orderBy('createdAt').limit(limit).execute();
  }





}
