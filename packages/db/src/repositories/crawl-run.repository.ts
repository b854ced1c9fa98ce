import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { CrawlRunRow } from '../rows.ts';

export const CRAWL_COUNTS = ['pages', 'postingsSeen', 'new', 'changed', 'unchanged', 'closed', 'failed'] as const;
export type CrawlCount = (typeof CRAWL_COUNTS)[number];
export type CrawlCounts = Partial<Record<CrawlCount, number>>;
export type CrawlRunStatus = CrawlRunRow['status'];

export interface FinishRun {
  status: Exclude<CrawlRunStatus, 'running'>;
  /** Whether every list page was read; only a complete run may close unseen listings. */
  complete: boolean;
  error?: string | null;
}

export class CrawlRunRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  start(sourceId: string, pendingPages = 0): Promise<CrawlRunRow> {
    return this.#db.insertInto('crawlRun').values({ sourceId, pendingPages }).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * The run of a scheduled job, created on its first attempt: a second attempt (or a
   * duplicate delivery) of the same BullMQ job gets the same run back.
   */
  async startForJob(sourceId: string, triggerJobId: string): Promise<CrawlRunRow> {
    const created = await this.#db
      .insertInto('crawlRun')
      .values({ sourceId, triggerJobId })
      .onConflict((oc) => oc.column('triggerJobId').doNothing())
      .returningAll()
      .executeTakeFirst();
    return created ?? this.#db.selectFrom('crawlRun').selectAll().where('triggerJobId', '=', triggerJobId).executeTakeFirstOrThrow();
  }

  getByJob(triggerJobId: string): Promise<CrawlRunRow | undefined> {
    return this.#db.selectFrom('crawlRun').selectAll().where('triggerJobId', '=', triggerJobId).executeTakeFirst();
  }

  /** Newest runs first, of every source or one. */
  listRecent(opts: { sourceId?: string; limit: number }): Promise<CrawlRunRow[]> {
    let query = this.#db.selectFrom('crawlRun').selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(opts.limit);
    if (opts.sourceId) query = query.where('sourceId', '=', opts.sourceId);
    return query.execute();
  }

  get(runId: string): Promise<CrawlRunRow | undefined> {
    return this.#db.selectFrom('crawlRun').selectAll().where('id', '=', runId).executeTakeFirst();
  }

  /** Adds to counters in place (`col = col + n`), so concurrent workers never lose an update. */
  async addCounts(runId: string, counts: CrawlCounts): Promise<void> {
    const entries = CRAWL_COUNTS.filter((k) => counts[k]).map((k) => [k, counts[k] ?? 0] as const);
    if (entries.length === 0) return;
    await this.#db
      .updateTable('crawlRun')
      .set((eb) => Object.fromEntries(entries.map(([k, n]) => [k, eb(eb.ref(k), '+', n)])))
      .where('id', '=', runId)
      .execute();
  }

  /** Adds delta to the run's outstanding pages and returns the new value (undefined: no such run). */
  async adjustPendingPages(runId: string, delta: number): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('crawlRun')
      .set((eb) => ({ pendingPages: eb('pendingPages', '+', delta) }))
      .where('id', '=', runId)
      .returning('pendingPages')
      .executeTakeFirst();
    return row?.pendingPages;
  }

  /** Finishes a running run; undefined when it was already finished (a second worker got there first). */
  finish(runId: string, outcome: FinishRun): Promise<CrawlRunRow | undefined> {
    return this.#db
      .updateTable('crawlRun')
      .set({ status: outcome.status, complete: outcome.complete, error: outcome.error ?? null, finishedAt: sql`now()` })
      .where('id', '=', runId)
      .where('finishedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  listForSource(sourceId: string, limit = 20): Promise<CrawlRunRow[]> {
    return this.#db
      .selectFrom('crawlRun')
      .selectAll()
      .where('sourceId', '=', sourceId)
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
