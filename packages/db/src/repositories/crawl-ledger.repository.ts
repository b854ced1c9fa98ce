import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { CrawlCounts } from './crawl-run.repository.ts';
import { CRAWL_COUNTS } from './crawl-run.repository.ts';

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
 * The pages a crawl run owes and what each came to. Registering is idempotent per
 * (run, request key) and a page completes once: a crawl.page job that runs twice after a
 * crash neither double-counts nor finishes the run early.
 */
export class CrawlLedgerRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async registerPages(runId: string, pages: { key: string; role: PageRole; url: string }[]): Promise<number> {
    if (pages.length === 0) return 0;
    const rows = await this.#db
      .insertInto('crawlPage')
      .values(pages.map((p) => ({ runId, requestKey: p.key, role: p.role, url: p.url })))
      .onConflict((oc) => oc.columns(['runId', 'requestKey']).doNothing())
      .returning('requestKey')
      .execute();
    return rows.length;
  }

  getPage(runId: string, key: string): Promise<{ status: string; role: string } | undefined> {
    return this.#db.selectFrom('crawlPage').select(['status', 'role']).where('runId', '=', runId).where('requestKey', '=', key).executeTakeFirst();
  }

  /** Completes a pending page and adds its counts in one transaction; false when it was already complete. */
  async completePage(runId: string, key: string, outcome: { status: Exclude<PageStatus, 'pending'>; reason?: string }, counts: CrawlCounts): Promise<boolean> {
    return this.#db.transaction().execute(async (tx) => {
      const done = await tx
        .updateTable('crawlPage')
        .set({ status: outcome.status, reason: outcome.reason ?? null, finishedAt: sql`now()` })
        .where('runId', '=', runId)
        .where('requestKey', '=', key)
        .where('status', '=', 'pending')
        .returning('requestKey')
        .executeTakeFirst();
      if (!done) return false;
      const entries = CRAWL_COUNTS.filter((k) => counts[k]).map((k) => [k, counts[k] ?? 0] as const);
      if (entries.length > 0) {
        await tx
          .updateTable('crawlRun')
          .set((eb) => Object.fromEntries(entries.map(([k, n]) => [k, eb(eb.ref(k), '+', n)])))
          .where('id', '=', runId)
          .execute();
      }
      return true;
    });
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

  rawByUrl(sourceId: string, url: string): Promise<{ externalId: string; etag: string | null; lastModified: string | null; fetchedAt: Date } | undefined> {
    return this.#db
      .selectFrom('rawPosting')
      .select(['externalId', 'etag', 'lastModified', 'fetchedAt'])
      .where('sourceId', '=', sourceId)
      .where('url', '=', url)
      .orderBy('fetchedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Marks the posting at this URL seen by the run (raw row and listing); false if unknown. */
  async markSeenByUrl(sourceId: string, url: string, runId: string): Promise<boolean> {
    const raw = await this.rawByUrl(sourceId, url);
    if (!raw) return false;
    return this.markSeenByExternalId(sourceId, raw.externalId, runId);
  }

  async markSeenByExternalId(sourceId: string, externalId: string, runId: string): Promise<boolean> {
    const touched = await this.#db
      .updateTable('rawPosting')
      .set({ lastRunId: runId })
      .where('sourceId', '=', sourceId)
      .where('externalId', '=', externalId)
      .returning('id')
      .executeTakeFirst();
    if (!touched) return false;
    await this.markListingsSeen(sourceId, [externalId], runId);
    return true;
  }

  /**
   * Listings whose postings this run saw stay open (or reopen when they had been closed for
   * not being seen); done by the crawler so that a run ending before normalization catches
   * up never counts a seen listing as missing.
   */
  async markListingsSeen(sourceId: string, externalIds: string[], runId: string): Promise<void> {
    if (externalIds.length === 0) return;
    await this.#db
      .updateTable('listing')
      .set({
        lastSeenRunId: runId,
        lastSeenAt: sql`now()`,
        missedRuns: 0,
        status: sql`case when closed_reason = 'not_seen' then 'open' else status end`,
        closedReason: sql`case when closed_reason = 'not_seen' then null else closed_reason end`,
      })
      .where('sourceId', '=', sourceId)
      .where('externalId', 'in', externalIds)
      .execute();
  }

  /** Raw postings among these still waiting for normalization. */
  pendingRawPostings(sourceId: string, externalIds: string[]): Promise<{ id: string; contentHash: string }[]> {
    if (externalIds.length === 0) return Promise.resolve([]);
    return this.#db
      .selectFrom('rawPosting')
      .select(['id', 'contentHash'])
      .where('sourceId', '=', sourceId)
      .where('externalId', 'in', externalIds)
      // A posting whose normalize job failed for good (not one the normalizer refused) is retried.
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb('reason', 'like', 'job failed:%')])]))
      .execute();
  }
}
