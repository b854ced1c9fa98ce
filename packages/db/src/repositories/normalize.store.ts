import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { Listing } from '@himatch/core';
import type { RawPostingRow, UpsertOutcome } from '../rows.ts';
import { projectListing } from '../listing-projection.ts';

// The posting.normalize hot path in as few statements as its guarantees allow. Each statement
// is atomic on its own and the job may run again (BullMQ is at-least-once), so every one of
// them is idempotent: reading twice, attaching a listing to its cluster twice, adding a key
// twice or marking the raw posting normalized twice changes nothing.

/** The raw posting, its source's kind and the id of the listing made from it before, in one query; undefined when the posting is gone. */
export async function loadPostingToNormalize(
  db: Kysely<DB>, rawPostingId: string,
): Promise<{ raw: RawPostingRow; sourceKind: string | null; listingId: string | null } | undefined> {
  const row = await db
    .selectFrom('rawPosting')
    .leftJoin('source', 'source.id', 'rawPosting.sourceId')
    .leftJoin('listing', (j) => j.onRef('listing.sourceId', '=', 'rawPosting.sourceId').onRef('listing.externalId', '=', 'rawPosting.externalId'))
    .selectAll('rawPosting')
    .select(['source.kind as sourceKind', 'listing.id as listingId'])
    .where('rawPosting.id', '=', rawPostingId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { sourceKind, listingId, ...raw } = row;
  return { raw, sourceKind, listingId };
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

export interface StoreListing {
  /** The listing's id: its existing one, or a new one the caller chose (so its cluster can name it). */
  listingId: string;
  sourceId: string;
  externalId: string;
  rawPostingId: string | null;
  /** Hash of the normalized Listing. */
  contentHash: string;
  data: Listing;
  /** The listing as ranking reads it (@himatch/matcher matchDocument); stored as json beside `data`. */
  matchDoc: unknown;
  /** What the same-job test reads of it (@himatch/normalizer sameJobDoc); stored as json beside `data`. */
  sameJob: unknown;
  runId: string | null;
  /** Seen after its closing date: stored, but closed as expired. */
  expired: boolean;
  cluster: {
    id: string;
    /** A new cluster with this listing as its canonical one (its fingerprint and apply links). */
    create: boolean;
    /** The listing's blocking keys, recorded for its cluster. */
    keys: string[];
    /** Apply links an existing cluster gains from this copy of its job. */
    mergeApplyUrls: string[];
  };
}

/**
 * Everything a normalized HIT posting changes, in one statement: the listing is inserted or
 * updated with its cluster already set (one row version, so the listing's many indexes are
 * written once), a new cluster is created for it when it has none, it leaves its previous
 * cluster (both counts kept right), the cluster gains its keys and
 * apply links, and the raw posting is marked normalized. A listing seen again unchanged is
 * only marked seen. Foreign keys between the new listing and its new cluster are checked at
 * the end of the statement, when both rows exist.
 */
export async function storeListing(db: Kysely<DB>, s: StoreListing): Promise<{ outcome: UpsertOutcome }> {
  // The projected columns, named as projectListing names them (the camel-case plugin maps them).
  const projected = Object.entries(projectListing(s.data));
  const columns = sql.join(projected.map(([c]) => sql.ref(c)));
  const values = sql.join(projected.map(([, v]) => sql`${v}`));
  const updates = sql.join(projected.map(([c]) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  const status = s.expired ? 'closed' : 'open';
  const closedReason = s.expired ? 'expired' : null;
  const merge = s.cluster.mergeApplyUrls.length > 0;
  const { rows } = await sql<{ outcome: UpsertOutcome }>`
    -- The row as the statement found it (no FOR UPDATE: a row this statement then updates would
    -- vanish from a locking read evaluated after the update).
    with old as (
      select id, cluster_id from listing
      where source_id = ${s.sourceId} and external_id = ${s.externalId}
    ),
    new_cluster as (
      insert into listing_cluster (id, fingerprint, apply_urls, canonical_listing_id, listing_count)
      select cast(${s.cluster.id} as uuid),
        -- A fingerprint another job already holds gets the listing id appended.
        case when exists (select 1 from listing_cluster where fingerprint = ${s.data.fingerprint}) then ${`${s.data.fingerprint}/${s.listingId}`} else ${s.data.fingerprint} end,
        cast(${s.data.applyUrls} as text[]), cast(${s.listingId} as uuid), 1
      where ${s.cluster.create}
      returning id
    ),
    written as (
      insert into listing (id, source_id, external_id, raw_posting_id, content_hash, data, match_doc, same_job, ${columns}, cluster_id,
        last_seen_at, last_seen_run_id, missed_runs, status, closed_reason)
      values (${s.listingId}, ${s.sourceId}, ${s.externalId}, ${s.rawPostingId}, ${s.contentHash}, cast(${JSON.stringify(s.data)} as jsonb), cast(${JSON.stringify(s.matchDoc)} as json), cast(${JSON.stringify(s.sameJob)} as json), ${values},
        ${s.cluster.id}, now(), ${s.runId}, 0, ${status}, ${closedReason})
      on conflict (source_id, external_id) do update set
        raw_posting_id = excluded.raw_posting_id, content_hash = excluded.content_hash, data = excluded.data, match_doc = excluded.match_doc, same_job = excluded.same_job, ${updates},
        cluster_id = excluded.cluster_id, last_seen_at = now(), last_seen_run_id = excluded.last_seen_run_id, missed_runs = 0,
        status = excluded.status, closed_reason = excluded.closed_reason
      -- A closed listing seen open again is reopened (and matched again).
      where listing.content_hash is distinct from excluded.content_hash or (listing.status = 'closed' and excluded.status = 'open')
      returning id
    ),
    touched as (
      update listing set last_seen_at = now(), last_seen_run_id = ${s.runId}, missed_runs = 0, status = ${status}, closed_reason = ${closedReason},
        cluster_id = ${s.cluster.id}, match_doc = coalesce(match_doc, cast(${JSON.stringify(s.matchDoc)} as json)),
        same_job = coalesce(same_job, cast(${JSON.stringify(s.sameJob)} as json))
      where source_id = ${s.sourceId} and external_id = ${s.externalId} and not exists (select 1 from written)
      returning id
    ),
    left_cluster as (
      update listing_cluster set listing_count = listing_count - 1, updated_at = now()
      where id = (select cluster_id from old) and (select cluster_id from old) is distinct from ${s.cluster.id}
      returning id
    ),
    target as (
      update listing_cluster set
        listing_count = listing_count + case when exists (select 1 from old where cluster_id = ${s.cluster.id}) then 0 else 1 end,
        apply_urls = case when ${merge} then array(select distinct u from unnest(apply_urls || cast(${s.cluster.mergeApplyUrls} as text[])) as u order by u) else apply_urls end,
        updated_at = now()
      where id = ${s.cluster.id} and not ${s.cluster.create}
      returning id
    ),
    keyed as (
      insert into listing_cluster_key (key, cluster_id)
      select k, cast(${s.cluster.id} as uuid) from unnest(cast(${s.cluster.keys} as text[])) as k
      on conflict (key, cluster_id) do nothing
      returning 1
    ),
    normalized as (
      update raw_posting set status = 'normalized', reason = null where id = ${s.rawPostingId}
      returning 1
    )
    select case
      when not exists (select 1 from old) then 'new'
      when exists (select 1 from written) then 'changed'
      else 'unchanged' end as outcome
    from (select 1 from written union all select 1 from touched) as stored
    limit 1
  `.execute(db);
  if (!rows[0]) throw new Error(`listing store raced for ${s.sourceId}/${s.externalId}; retry`);
  return rows[0];
}
