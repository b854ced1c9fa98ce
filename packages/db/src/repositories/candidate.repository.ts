import { sql, type Kysely } from 'kysely';
import type { CandidateProfile } from '@himatch/core';
import type { DB } from '../schema.generated.ts';
import { jsonb, type CandidateRow } from '../rows.ts';

export class CandidateRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  create(profile: CandidateProfile, externalRef: string | null = null): Promise<CandidateRow> {
    return this.#db.insertInto('candidate').values({ profile: jsonb(profile), externalRef }).returningAll().executeTakeFirstOrThrow();
  }

  getById(id: string): Promise<CandidateRow | undefined> {
    return this.#db.selectFrom('candidate').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByExternalRef(externalRef: string): Promise<CandidateRow | undefined> {
    return this.#db.selectFrom('candidate').selectAll().where('externalRef', '=', externalRef).executeTakeFirst();
  }

  updateProfile(id: string, profile: CandidateProfile): Promise<CandidateRow | undefined> {
    return this.#db
      .updateTable('candidate')
      .set({ profile: jsonb(profile), updatedAt: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('candidate').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Profiles in id order, keyset-paged, for reverse matching one listing against everyone. */
  listForMatching(limit: number, after?: string): Promise<{ id: string; profile: CandidateProfile }[]> {
    let query = this.#db.selectFrom('candidate').select(['id', 'profile']).orderBy('id').limit(limit);
    if (after) query = query.where('id', '>', after);
    return query.execute();
  }
}
