import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Listing } from '@himatch/core';
import type { DB } from '../schema.generated.ts';
import type { ListingRow, UpsertOutcome } from '../rows.ts';
import { storeListing } from './normalize.store.ts';
import { LISTING_COLUMNS } from './listing-search.ts';

/** A listing without its match or same-job document (stored before those existed, or imported). */
const LACKS_DOCS = sql<boolean>`(match_doc is null or same_job is null)`;

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
   * Stores a listing outside the normalizer: in a duplicate cluster of its own (its current one
   * when it has one), without match or same-job documents (their readers fall back to `data`).
   * For imports and tests; the same statement as the normalizer's (storeListing), so a listing
   * seen again is marked seen and a closed one that reappears counts as 'changed'.
   */
  async upsert(input: ListingUpsert): Promise<{ id: string; outcome: UpsertOutcome }> {
    const known = await this.#db.selectFrom('listing').select(['id', 'clusterId'])
      .where('sourceId', '=', input.sourceId).where('externalId', '=', input.externalId).executeTakeFirst();
    const listingId = known?.id ?? randomUUID();
    const cluster = known?.clusterId
      ? { id: known.clusterId, create: false, keys: [], mergeApplyUrls: [] }
      : { id: randomUUID(), create: true, keys: [], mergeApplyUrls: [] };
    const { outcome } = await storeListing(this.#db, {
      listingId, sourceId: input.sourceId, externalId: input.externalId, rawPostingId: input.rawPostingId, contentHash: input.contentHash,
      data: input.data, matchDoc: null, sameJob: null, runId: input.runId, expired: false, cluster,
    });
    return { id: listingId, outcome };
  }

  /**
   * The next listings (by id) whose stored documents need writing: every listing with `all`,
   * else those without a match or same-job document (stored before those existed, or imported).
   */
  docsToRefresh(after: string | null, limit: number, all: boolean): Promise<{ id: string; data: Listing }[]> {
    let query = this.#db.selectFrom('listing').select(['id', 'data']).orderBy('id').limit(limit);
    if (after) query = query.where('id', '>', after);
    return (all ? query : query.where(LACKS_DOCS)).execute();
  }

  /** How many listings docsToRefresh would walk (for progress). */
  async countDocsToRefresh(all: boolean): Promise<number> {
    const query = this.#db.selectFrom('listing').select(sql<number>`count(*)::int`.as('n'));
    return (await (all ? query : query.where(LACKS_DOCS)).executeTakeFirstOrThrow()).n;
  }

  /** Writes listings' match and same-job documents, one statement per batch. */
  async setDocs(rows: { id: string; matchDoc: unknown; sameJob: unknown }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await sql`
      update listing set match_doc = cast(v.match_doc as json), same_job = cast(v.same_job as json)
      from unnest(cast(${rows.map((r) => r.id)} as uuid[]), cast(${rows.map((r) => JSON.stringify(r.matchDoc))} as text[]),
        cast(${rows.map((r) => JSON.stringify(r.sameJob))} as text[])) as v(id, match_doc, same_job)
      where listing.id = v.id`.execute(this.#db);
    return Number(result.numAffectedRows ?? 0);
  }

  getById(id: string): Promise<ListingRow | undefined> {
    return this.#db.selectFrom('listing').select(LISTING_COLUMNS).where('id', '=', id).executeTakeFirst();
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
