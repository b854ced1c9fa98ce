import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { AlertOutboxRow } from '../rows.ts';

export interface AlertToEnqueue {
  candidateId: string;
  listingId: string;
  score: number;
}

/** Alerts to deliver; the unique (candidate, listing) key makes each alert at-most-once. */
export class AlertOutboxRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Returns how many alerts were new; ones already queued or sent are skipped. */
  async enqueue(alerts: readonly AlertToEnqueue[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const rows = await this.#db
      .insertInto('alertOutbox')
      .values([...alerts])
      .onConflict((oc) => oc.columns(['candidateId', 'listingId']).doNothing())
      .returning('id')
      .execute();
    return rows.length;
  }

  listPending(limit: number): Promise<AlertOutboxRow[]> {
    return this.#db.selectFrom('alertOutbox').selectAll().where('status', '=', 'pending').orderBy('createdAt').orderBy('id').limit(limit).execute();
  }

  async markDelivered(id: string): Promise<void> {
    await this.#db
      .updateTable('alertOutbox')
      .set((eb) => ({ status: 'delivered', deliveredAt: sql<Date>`now()`, attempts: eb('attempts', '+', 1), lastError: null }))
      .where('id', '=', id)
      .execute();
  }

  /** Records a failed attempt; the alert stays pending until maxAttempts, then is failed. */
  async markFailed(id: string, error: string, maxAttempts: number): Promise<void> {
    await this.#db
      .updateTable('alertOutbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        lastError: error,
        status: sql<'pending' | 'failed'>`case when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end`,
      }))
      .where('id', '=', id)
      .execute();
  }
}
