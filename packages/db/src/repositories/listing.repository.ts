import { sql, type Kysely } from 'kysely';
import type { Listing } from '@himatch/core';
import type { DB } from '../schema.generated.ts';
import { projectListing } from '../listing-projection.ts';
import { jsonb, type ListingRow, type UpsertOutcome } from '../rows.ts';
import { LISTING_COLUMNS, listingSearchQuery, nextCursor, type ListingPage, type ListingSearch } from './listing-search.ts';

export interface ListingUpsert {
  sourceId: string;
  externalId: string;
  rawPostingId: string | null;
  /** Hash of the normalized Listing. */
  contentHash: string;
  data: Listing;
  runId: string | null;
}

export class ListingRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /**
   * Outcome decided in one statement, as for raw postings. Seeing a listing always marks it
   * seen and open; a closed listing that reappears counts as 'changed' so it is matched again.
   */
  async upsert(input: ListingUpsert): Promise<{ id: string; outcome: UpsertOutcome }> {
    const seen = { lastSeenAt: sql<Date>`now()`, lastSeenRunId: input.runId, missedRuns: 0, status: 'open' as const, closedReason: null };
    const row = await this.#db
      .with('written', (db) =>
        db
          .insertInto('listing')
          .values({
            sourceId: input.sourceId,
            externalId: input.externalId,
            rawPostingId: input.rawPostingId,
            contentHash: input.contentHash,
            data: jsonb(input.data),
            ...projectListing(input.data),
            ...seen,
          })
          .onConflict((oc) =>
            oc
              .columns(['sourceId', 'externalId'])
              .doUpdateSet((eb) => ({
                ...Object.fromEntries(UPDATED_ON_CHANGE.map((c) => [c, eb.ref(`excluded.${c}`)])),
                ...seen,
              }))
              .where((eb) =>
                eb.or([eb('listing.contentHash', 'is distinct from', eb.ref('excluded.contentHash')), eb('listing.status', '=', 'closed')]),
              ),
          )
          .returning(['id', sql<boolean>`xmax = 0`.as('inserted')]),
      )
      .with('touched', (db) =>
        db
          .updateTable('listing')
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
    if (!row) throw new Error(`listing upsert raced for ${input.sourceId}/${input.externalId}; retry`);
    return row;
  }

  getById(id: string): Promise<ListingRow | undefined> {
    return this.#db.selectFrom('listing').select(LISTING_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async search(s: ListingSearch): Promise<ListingPage> {
    const items = await listingSearchQuery(this.#db, s).execute();
    return { items, next: nextCursor(items, s.limit) };
  }

  async countByRole(status: 'open' | 'closed' = 'open'): Promise<{ role: string | null; count: number }[]> {
    return this.#db
      .selectFrom('listing')
      .select(['role', sql<number>`count(*)::int`.as('count')])
      .where('status', '=', status)
      .groupBy('role')
      .orderBy('count', 'desc')
      .orderBy('role')
      .execute();
  }

  async countBySource(status: 'open' | 'closed' = 'open'): Promise<{ sourceId: string; count: number }[]> {
    return this.#db
      .selectFrom('listing')
      .select(['sourceId', sql<number>`count(*)::int`.as('count')])
      .where('status', '=', status)
      .groupBy('sourceId')
      .orderBy('sourceId')
      .execute();
  }

  /**
   * After a complete run: open listings of the source this run did not see are missed once
   * more, and closed ('not_seen') once missed by maxMissedRuns complete runs in a row. Returns closed ids.
   */
  async closeMissing(sourceId: string, runId: string, maxMissedRuns: number): Promise<{ missed: number; closedIds: string[] }> {
    const rows = await closeMissingQuery(this.#db, sourceId, runId, maxMissedRuns).execute();
    return { missed: rows.length, closedIds: rows.filter((r) => r.status === 'closed').map((r) => r.id) };
  }

  /** Closes one listing (e.g. a posting that stopped being HIT); false when there was none open. */
  async closeBySourceExternalId(sourceId: string, externalId: string, reason: string): Promise<boolean> {
    const row = await this.#db
      .updateTable('listing')
      .set({ status: 'closed', closedReason: reason })
      .where('sourceId', '=', sourceId)
      .where('externalId', '=', externalId)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Closes open listings whose closing date has passed; returns their ids. */
  async closeExpired(now: Date): Promise<string[]> {
    const rows = await this.#db
      .updateTable('listing')
      .set({ status: 'closed', closedReason: 'expired' })
      .where('status', '=', 'open')
      .where('closesAt', '<', now)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Open listings in id order, keyset-paged, for reverse matching. */
  listOpenForMatching(limit: number, after?: string): Promise<{ id: string; data: Listing }[]> {
    let query = this.#db.selectFrom('listing').select(['id', 'data']).where('status', '=', 'open').orderBy('id').limit(limit);
    if (after) query = query.where('id', '>', after);
    return query.execute();
  }
}

const UPDATED_ON_CHANGE = [
  'rawPostingId', 'contentHash', 'data', 'title', 'employer', 'role', 'isHit', 'workMode', 'employmentType', 'minEducation',
  'requiredCredentials', 'acceptedCredentials', 'salaryAnnualMin', 'salaryAnnualMax', 'region', 'regions', 'remoteRegions',
  'lat', 'lon', 'federalSeries', 'federalGradeLow', 'federalGradeHigh', 'postedAt', 'closesAt',
] as const;

export function closeMissingQuery(db: Kysely<DB>, sourceId: string, runId: string, maxMissedRuns: number) {
  // Every right-hand side reads the row's old missed_runs, so "+ 1" is the same in all three.
  const overLimit = sql<boolean>`missed_runs + 1 >= ${maxMissedRuns}`;
  return db
    .updateTable('listing')
    .set((eb) => ({
      missedRuns: eb('missedRuns', '+', 1),
      status: sql<'open' | 'closed'>`case when ${overLimit} then 'closed' else status end`,
      closedReason: sql<string | null>`case when ${overLimit} then 'not_seen' else closed_reason end`,
    }))
    .where('sourceId', '=', sourceId)
    .where('status', '=', 'open')
    .where('lastSeenRunId', 'is distinct from', runId)
    .returning(['id', 'status']);
}
