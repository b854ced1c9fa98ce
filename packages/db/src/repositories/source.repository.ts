import { sql, type Kysely } from 'kysely';
import type { Politeness } from '@himatch/core';
import type { DB, JsonObject } from '../schema.generated.ts';
import { jsonb, type NewSource, type SourceRow } from '../rows.ts';

export interface SourcePatch {
  name?: string;
  config?: JsonObject;
  cron?: string | null;
  politeness?: Politeness;
}

export class SourceRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  create(source: NewSource): Promise<SourceRow> {
    return this.#db
      .insertInto('source')
      .values({
        ...source,
        config: jsonb(source.config ?? {}),
        politeness: jsonb(source.politeness ?? {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  getById(id: string): Promise<SourceRow | undefined> {
    return this.#db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByName(name: string): Promise<SourceRow | undefined> {
    return this.#db.selectFrom('source').selectAll().where('name', '=', name).executeTakeFirst();
  }

  list(opts: { enabled?: boolean } = {}): Promise<SourceRow[]> {
    let query = this.#db.selectFrom('source').selectAll().orderBy('name');
    if (opts.enabled !== undefined) query = query.where('enabled', '=', opts.enabled);
    return query.execute();
  }

  update(id: string, patch: SourcePatch): Promise<SourceRow | undefined> {
    return this.#db
      .updateTable('source')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.cron !== undefined ? { cron: patch.cron } : {}),
        ...(patch.config !== undefined ? { config: jsonb(patch.config) } : {}),
        ...(patch.politeness !== undefined ? { politeness: jsonb(patch.politeness) } : {}),
        updatedAt: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async setEnabled(id: string, enabled: boolean): Promise<boolean> {
    const result = await this.#db.updateTable('source').set({ enabled, updatedAt: sql`now()` }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('source').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** A crawl succeeded: health resets. */
  async recordSuccess(id: string): Promise<void> {
    await this.#db
      .updateTable('source')
      .set({ consecutiveFailures: 0, cooldownUntil: null, lastSuccessAt: sql`now()`, updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** A crawl failed: counts it and stores the cooldown the caller computed; returns the new failure count. */
  async recordFailure(id: string, error: string, cooldownUntil: Date | null): Promise<number> {
    const row = await this.#db
      .updateTable('source')
      .set((eb) => ({
        consecutiveFailures: eb('consecutiveFailures', '+', 1),
        lastFailureAt: sql`now()`,
        lastError: error,
        cooldownUntil,
        updatedAt: sql`now()`,
      }))
      .where('id', '=', id)
      .returning('consecutiveFailures')
      .executeTakeFirst();
    return row?.consecutiveFailures ?? 0;
  }
}
