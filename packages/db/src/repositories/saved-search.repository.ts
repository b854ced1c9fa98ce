import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import { jsonb, type SavedSearchRow } from '../rows.ts';

export interface NewSavedSearch {
  candidateId: string | null;
  ownerKeyId: string | null;
  name: string;
  /** Filters (see @himatch/matcher savedSearchMatches); stored as jsonb. */
  query: Record<string, unknown>;
}

export class SavedSearchRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  create(input: NewSavedSearch): Promise<SavedSearchRow> {
    return this.#db.insertInto('savedSearch').values({ ...input, query: jsonb(input.query as never) }).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * Inserts a candidate's search unless the candidate already keeps `max`; null when full.
   * The candidate row is locked first, so two concurrent creates cannot both pass the count.
   */
  createForCandidate(input: NewSavedSearch & { candidateId: string }, max: number): Promise<SavedSearchRow | null> {
    return this.#db.transaction().execute(async (trx) => {
      await trx.selectFrom('candidate').select('id').where('id', '=', input.candidateId).forNoKeyUpdate().execute();
      const { n } = await trx.selectFrom('savedSearch').select(sql<number>`count(*)::int`.as('n'))
        .where('candidateId', '=', input.candidateId).executeTakeFirstOrThrow();
      if (n >= max) return null;
      return trx.insertInto('savedSearch').values({ ...input, query: jsonb(input.query as never) }).returningAll().executeTakeFirstOrThrow();
    });
  }

  listForCandidate(candidateId: string): Promise<SavedSearchRow[]> {
    return this.#db.selectFrom('savedSearch').selectAll().where('candidateId', '=', candidateId).orderBy('createdAt').orderBy('id').execute();
  }

  /** Searches owned by a candidate (the ones that can alert someone), keyset-paged by id. */
  listWithCandidate(limit: number, after?: string): Promise<SavedSearchRow[]> {
    let query = this.#db.selectFrom('savedSearch').selectAll().where('candidateId', 'is not', null).orderBy('id').limit(limit);
    if (after) query = query.where('id', '>', after);
    return query.execute();
  }

  /** Deletes the search only when the candidate owns it (false otherwise, as for a missing id). */
  async deleteForCandidate(candidateId: string, id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('savedSearch').where('id', '=', id).where('candidateId', '=', candidateId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('savedSearch').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
