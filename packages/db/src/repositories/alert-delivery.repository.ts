import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';

export interface AlertToRecord {
  candidateId: string;
  listingId: string;
  score: number;
  eligibility: string;
  summary: string;
  /** The saved search that asked for this alert, when it came from one. */
  savedSearchId?: string | null;
}

/** What an alert.deliver job sends: the alert and its listing, no candidate data beyond the id. */
export interface AlertForDelivery {
  id: string;
  candidateId: string;
  listingId: string;
  score: number;
  eligibility: string | null;
  summary: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  savedSearchId: string | null;
  title: string;
  employer: string | null;
  sourceUrl: string | null;
  applyUrl: string | null;
}

/**
 * The delivery side of the alert outbox (alert.deliver jobs). The unique (candidate, listing)
 * key keeps each alert at most once, so `record` returns only ids that are new.
 */
export class AlertDeliveryRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Inserts alerts; returns the ids of those that were new (ones already queued or sent are skipped). */
  async record(alerts: readonly AlertToRecord[]): Promise<string[]> {
    if (alerts.length === 0) return [];
    const rows = await this.#db
      .insertInto('alertOutbox')
      .values(alerts.map((a) => ({ ...a, savedSearchId: a.savedSearchId ?? null })))
      .onConflict((oc) => oc.columns(['candidateId', 'listingId']).doNothing())
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  getForDelivery(id: string): Promise<AlertForDelivery | undefined> {
    return this.#db
      .selectFrom('alertOutbox as a')
      .innerJoin('listing as l', 'l.id', 'a.listingId')
      .select([
        'a.id', 'a.candidateId', 'a.listingId', 'a.score', 'a.eligibility', 'a.summary', 'a.status', 'a.attempts', 'a.savedSearchId',
        'l.title', 'l.employer',
        sql<string | null>`l.data->>'sourceUrl'`.as('sourceUrl'),
        sql<string | null>`l.data->'applyUrls'->>0`.as('applyUrl'),
      ])
      .where('a.id', '=', id)
      .executeTakeFirst();
  }

  /** Marks a pending alert delivered; false when it was not pending (delivered or failed already). */
  async markDelivered(id: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('alertOutbox')
      .set((eb) => ({ status: 'delivered', deliveredAt: sql<Date>`now()`, attempts: eb('attempts', '+', 1), lastError: null }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Records one failed attempt; `final` makes the alert failed, else it stays pending for the retry. */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.#db
      .updateTable('alertOutbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 1000), status: final ? 'failed' : 'pending' }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Pending alert ids, oldest first (to re-enqueue alerts held back while no webhook was configured). */
  async listPendingIds(limit: number): Promise<string[]> {
    const rows = await this.#db.selectFrom('alertOutbox').select('id').where('status', '=', 'pending').orderBy('createdAt').orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }
}
