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

/** The counts a page carries (closed is counted once per run, when it finishes). */
export const PAGE_COUNTS = ['pages', 'postingsSeen', 'new', 'changed', 'unchanged', 'failed'] as const satisfies readonly CrawlCount[];

/** One count summed over a run's pages. */
const pageSum = (count: (typeof PAGE_COUNTS)[number]) => sql<number>`coalesce(sum(${sql.ref(count)}), 0)::int`;

/**
 * Crawl runs. A run's counts are its row's own counters (run-level ones such as closed) plus
 * its pages' counts: summed from crawl_page while it runs (so no page write touches the run's
 * row, which every page of a run would otherwise queue on), folded into the row when it
 * finishes. pendingPages is read from its pages likewise.
 */
export class CrawlRunRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  start(sourceId: string): Promise<CrawlRunRow> {
    return this.#db.insertInto('crawlRun').values({ sourceId }).returningAll().executeTakeFirstOrThrow();
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
    return created ?? (await this.getByJob(triggerJobId))!;
  }

  async getByJob(triggerJobId: string): Promise<CrawlRunRow | undefined> {
    const [run] = await this.#live(await this.#db.selectFrom('crawlRun').selectAll().where('triggerJobId', '=', triggerJobId).execute());
    return run;
  }

  /** Newest runs first, of every source or one. */
  async listRecent(opts: { sourceId?: string; limit: number }): Promise<CrawlRunRow[]> {
    let query = this.#db.selectFrom('crawlRun').selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(opts.limit);
    if (opts.sourceId) query = query.where('sourceId', '=', opts.sourceId);
    return this.#live(await query.execute());
  }

  async get(runId: string): Promise<CrawlRunRow | undefined> {
    const [run] = await this.#live(await this.#db.selectFrom('crawlRun').selectAll().where('id', '=', runId).execute());
    return run;
  }

  /** Adds the page counts and pending pages of the running ones among these runs. */
  async #live(runs: CrawlRunRow[]): Promise<CrawlRunRow[]> {
    const running = runs.filter((r) => r.finishedAt === null).map((r) => r.id);
    if (running.length === 0) return runs;
    const sums = await this.#db
      .selectFrom('crawlPage')
      .select('runId')
      .select(PAGE_COUNTS.map((c) => pageSum(c).as(c)))
      .select(sql<number>`count(*) filter (where status = 'pending')::int`.as('pendingPages'))
      .where('runId', 'in', running)
      .groupBy('runId')
      .execute();
    const byRun = new Map(sums.map((s) => [s.runId, s]));
    return runs.map((run) => {
      if (run.finishedAt !== null) return run;
      const live = byRun.get(run.id);
      const added = Object.fromEntries(PAGE_COUNTS.map((c) => [c, run[c] + (live?.[c] ?? 0)]));
      return { ...run, ...added, pendingPages: live?.pendingPages ?? 0 };
    });
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

  /**
   * Finishes a running run, folding its pages' counts into its row in the same statement;
   * undefined when it was already finished (a second worker got there first).
   */
  finish(runId: string, outcome: FinishRun): Promise<CrawlRunRow | undefined> {
    return this.#db
      .updateTable('crawlRun')
      .from((eb) => eb
        .selectFrom('crawlPage')
        .select(PAGE_COUNTS.map((c) => pageSum(c).as(`page_${c}`)))
        .where('runId', '=', runId)
        .as('p'))
      .set((eb) => ({
        status: outcome.status, complete: outcome.complete, error: outcome.error ?? null, finishedAt: sql`now()`, pendingPages: 0,
        ...Object.fromEntries(PAGE_COUNTS.map((c) => [c, sql<number>`${eb.ref(`crawlRun.${c}`)} + ${sql.ref(`p.page_${c}`)}`])),
      }))
      .where('crawlRun.id', '=', runId)
      .where('crawlRun.finishedAt', 'is', null)
      .returningAll('crawlRun')
      .executeTakeFirst();
  }

  async listForSource(sourceId: string, limit = 20): Promise<CrawlRunRow[]> {
    return this.listRecent({ sourceId, limit });
  }
}
