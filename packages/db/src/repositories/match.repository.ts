import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import { jsonb, type MatchRow } from '../rows.ts';

export interface MatchUpsert {
  candidateId: string;
  listingId: string;
  score: number;
  eligibility: string;
  /** The matcher's explanation (checks); stored as jsonb. */
  explanation: unknown;
}

export interface CandidateMatch extends MatchRow {
  title: string;
  employer: string | null;
  role: string | null;
  listingStatus: 'open' | 'closed';
}

export class MatchRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Inserts or refreshes matches; returns how many rows were written. */
  async upsertMany(matches: readonly MatchUpsert[]): Promise<number> {
    if (matches.length === 0) return 0;
    const result = await this.#db
      .insertInto('match')
      .values(matches.map((m) => ({ ...m, explanation: jsonb(m.explanation as never) })))
      .onConflict((oc) =>
        oc.columns(['candidateId', 'listingId']).doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          eligibility: eb.ref('excluded.eligibility'),
          explanation: eb.ref('excluded.explanation'),
          computedAt: sql<Date>`now()`,
        })),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  /** Best first; closed listings are left out unless asked for. */
  listForCandidate(candidateId: string, opts: { limit?: number; minScore?: number; includeClosed?: boolean } = {}): Promise<CandidateMatch[]> {
    let query = this.#db
      .selectFrom('match')
      .innerJoin('listing', 'listing.id', 'match.listingId')
      .selectAll('match')
      .select(['listing.title', 'listing.employer', 'listing.role', 'listing.status as listingStatus'])
      .where('match.candidateId', '=', candidateId)
      .orderBy('match.score', 'desc')
      .orderBy('match.listingId')
      .limit(opts.limit ?? 50);
    if (!opts.includeClosed) query = query.where('listing.status', '=', 'open');
    if (opts.minScore !== undefined) query = query.where('match.score', '>=', opts.minScore);
    return query.execute();
  }
}
