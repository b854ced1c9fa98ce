import { sql, type Kysely } from 'kysely';
import type { RawPosting } from '@himatch/core';
import type { DB } from '../schema.generated.ts';
import { jsonb, type RawPostingRow, type UpsertOutcome } from '../rows.ts';

export interface RawPostingUpsert {
  sourceId: string;
  externalId: string;
  url: string | null;
  contentHash: string;
  payload: RawPosting;
  etag?: string | null;
  lastModified?: string | null;
  runId: string | null;
}

export type RawPostingStatus = RawPostingRow['status'];

export class RawPostingRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /**
   * One statement decides the outcome: the insert's conflict update runs only when the hash
   * differs (`xmax = 0` tells a fresh insert from an update); otherwise the second CTE just
   * marks the row as seen by this run.
   */
  async upsert(input: RawPostingUpsert): Promise<{ id: string; outcome: UpsertOutcome }> {
    const seen = { etag: input.etag ?? null, lastModified: input.lastModified ?? null, lastRunId: input.runId, fetchedAt: sql<Date>`now()` };
    const row = await this.#db
      .with('written', (db) =>
        db
          .insertInto('rawPosting')
          .values({ sourceId: input.sourceId, externalId: input.externalId, url: input.url, contentHash: input.contentHash, payload: jsonb(input.payload), ...seen })
          .onConflict((oc) =>
            oc
              .columns(['sourceId', 'externalId'])
              .doUpdateSet((eb) => ({
                url: eb.ref('excluded.url'),
                contentHash: eb.ref('excluded.contentHash'),
                payload: eb.ref('excluded.payload'),
                status: 'pending',
                reason: null,
                ...seen,
              }))
              .where('rawPosting.contentHash', 'is distinct from', (eb) => eb.ref('excluded.contentHash')),
          )
          .returning(['id', sql<boolean>`xmax = 0`.as('inserted')]),
      )
      .with('touched', (db) =>
        db
          .updateTable('rawPosting')
          .set(seen)
          .where('sourceId', '=', input.sourceId)
          .where('externalId', '=', input.externalId)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('written').select('written.id'))))
          .returning('id'),
      )
      .selectFrom('written')
      .select(['written.id', sql<UpsertOutcome>`case when written.inserted then 'new' else 'changed' end`.as('outcome')])
      .unionAll((db) => db.selectFrom('touched').select(['touched.id', sql<UpsertOutcome>`'unchanged'`.as('outcome')]))
      .executeTakeFirst();
    // Empty only when a concurrent transaction inserted the key after this statement's snapshot.
    if (!row) throw new Error(`raw_posting upsert raced for ${input.sourceId}/${input.externalId}; retry`);
    return row;
  }

  getById(id: string): Promise<RawPostingRow | undefined> {
    return this.#db.selectFrom('rawPosting').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setStatus(id: string, status: RawPostingStatus, reason: string | null = null): Promise<boolean> {
    const result = await this.#db.updateTable('rawPosting').set({ status, reason }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Marks those of the postings still pending as failed with the reason (a normalize job that failed for good). */
  async failPending(ids: readonly string[], reason: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.#db.updateTable('rawPosting').set({ status: 'failed', reason }).where('id', 'in', ids).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listKnownExternalIds(sourceId: string): Promise<string[]> {
    const rows = await this.#db.selectFrom('rawPosting').select('externalId').where('sourceId', '=', sourceId).orderBy('externalId').execute();
    return rows.map((r) => r.externalId);
  }
}
