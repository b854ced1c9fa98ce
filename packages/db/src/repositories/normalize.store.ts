import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { RawPostingRow } from '../rows.ts';

// The posting.normalize hot path in as few statements as its guarantees allow. Each statement
// is atomic on its own and the job may run again (BullMQ is at-least-once), so every one of
// them is idempotent: reading twice, attaching a listing to its cluster twice, adding a key
// twice or marking the raw posting normalized twice changes nothing.

/** The raw posting and its source's kind, in one query; undefined when the posting is gone. */
export async function loadPostingToNormalize(db: Kysely<DB>, rawPostingId: string): Promise<{ raw: RawPostingRow; sourceKind: string | null } | undefined> {
  const row = await db
    .selectFrom('rawPosting')
    .leftJoin('source', 'source.id', 'rawPosting.sourceId')
    .selectAll('rawPosting')
    .select('source.kind as sourceKind')
    .where('rawPosting.id', '=', rawPostingId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { sourceKind, ...raw } = row;
  return { raw, sourceKind };
}

/** A posting that is not HIT: its raw row records the reasons and its listing, if any, closes. */
export async function rejectPosting(db: Kysely<DB>, raw: { id: string; sourceId: string; externalId: string }, reason: string): Promise<void> {
  await sql`
    with closed as (
      update listing set status = 'closed', closed_reason = 'not_hit'
      where source_id = ${raw.sourceId} and external_id = ${raw.externalId} and status = 'open'
      returning 1
    )
    update raw_posting set status = 'rejected', reason = ${reason} where id = ${raw.id}
  `.execute(db);
}

export interface SettleListing {
  listingId: string;
  clusterId: string;
  /** The listing's blocking keys, recorded for its cluster. */
  keys: string[];
  /** Apply links to merge into the cluster (an existing cluster gaining a copy of its job). */
  mergeApplyUrls: string[];
  /** The raw posting the listing was read from, marked normalized. */
  rawPostingId: string | null;
}

/**
 * Everything after the listing's upsert in one statement: the listing joins its cluster (and
 * leaves its previous one, keeping both counts right), the cluster gains the listing's keys
 * and apply links, and the raw posting is marked normalized. One target row per table, so no
 * row is modified twice in the statement.
 */
export async function settleListing(db: Kysely<DB>, s: SettleListing): Promise<void> {
  const merge = s.mergeApplyUrls.length > 0;
  await sql`
    with prev as (
      select cluster_id from listing where id = ${s.listingId}
    ),
    moved as (
      update listing set cluster_id = ${s.clusterId}
      where id = ${s.listingId} and cluster_id is distinct from ${s.clusterId}
      returning id
    ),
    left_cluster as (
      update listing_cluster set listing_count = listing_count - 1, updated_at = now()
      where id = (select cluster_id from prev) and exists (select 1 from moved)
      returning id
    ),
    target as (
      update listing_cluster set
        listing_count = listing_count + (select count(*)::int from moved),
        apply_urls = case when ${merge} then array(select distinct u from unnest(apply_urls || cast(${s.mergeApplyUrls} as text[])) as u order by u) else apply_urls end,
        updated_at = now()
      where id = ${s.clusterId}
      returning id
    ),
    keyed as (
      insert into listing_cluster_key (key, cluster_id)
      select k, cast(${s.clusterId} as uuid) from unnest(cast(${s.keys} as text[])) as k
      on conflict (key, cluster_id) do nothing
      returning 1
    ),
    normalized as (
      update raw_posting set status = 'normalized', reason = null where id = ${s.rawPostingId}
      returning 1
    )
    select (select count(*) from target) as clusters
  `.execute(db);
}
