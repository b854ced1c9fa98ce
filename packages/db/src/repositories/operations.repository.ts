import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { AlertOutboxRow } from '../rows.ts';

export interface RunFailure {
  runId: string;
  url: string;
  externalId: string | null;
  reason: string;
  createdAt: Date;
}

/** Read-only views for operators and metrics: run tallies, run failures, a candidate's alerts. */
export class OperationsRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async crawlRunsByStatus(): Promise<{ status: string; count: number }[]> {
    return this.#db
      .selectFrom('crawlRun')
      .select(['status', sql<number>`count(*)::int`.as('count')])
      .groupBy('status')
      .orderBy('status')
      .execute();
  }

  /** Durations in seconds of the latest finished runs (for a histogram on scrape). */
  async recentRunDurations(limit = 500): Promise<{ sourceId: string; status: string; seconds: number }[]> {
    return this.#db
      .selectFrom('crawlRun')
      .select(['sourceId', 'status', sql<number>`extract(epoch from finished_at - started_at)::float8`.as('seconds')])
      .where('finishedAt', 'is not', null)
      .orderBy('finishedAt', 'desc')
      .limit(limit)
      .execute();
  }

  /** The recorded failures of some runs, at most perRun each, newest first. */
  async failuresOfRuns(runIds: readonly string[], perRun = 20): Promise<RunFailure[]> {
    if (runIds.length === 0) return [];
    const result = await sql<RunFailure>`
      select run_id as "runId", url, external_id as "externalId", reason, created_at as "createdAt"
      from (select f.*, row_number() over (partition by run_id order by created_at desc, id) as n
            from crawl_failure f where run_id = any(${runIds}::uuid[])) ranked
      where n <= ${perRun} order by run_id, created_at desc`.execute(this.#db);
    return result.rows;
  }

  alertsForCandidate(candidateId: string, limit: number): Promise<AlertOutboxRow[]> {
    return this.#db
      .selectFrom('alertOutbox')
      .selectAll()
      .where('candidateId', '=', candidateId)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
