import type { Kysely } from 'kysely';
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

  listForCandidate(candidateId: string): Promise<SavedSearchRow[]> {
    return this.#db.selectFrom('savedSearch').selectAll().where('candidateId', '=', candidateId).orderBy('createdAt').orderBy('id').execute();
  }

  /** Searches owned by a candidate (the ones that can alert someone), keyset-paged by id. */
  listWithCandidate(limit: number, after?: string): Promise<SavedSearchRow[]> {
    let query = this.#db.selectFrom('savedSearch').selectAll().where('candidateId', 'is not', null).orderBy('id').limit(limit);
    if (after) query = query.where('id', '>', after);
    return query.execute();
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('savedSearch').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
