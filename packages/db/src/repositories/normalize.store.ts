import type { Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { Listing } from '@himatch/core';
import type { RawPostingRow, UpsertOutcome } from '../rows.ts';
import { projectListing } from '../listing-projection.ts';
import { hotStatement } from '../hot-statement.ts';

// The posting.normalize hot path in as few statements as its guarantees allow. Each statement
// is atomic on its own and the job may run again (BullMQ is at-least-once), so every one of
// them is idempotent: reading twice, attaching a listing to its cluster twice, adding a key
// twice or marking the raw posting normalized twice changes nothing.

/** The raw posting, its source's kind and the id of the listing made from it before, in one query; undefined when the posting is gone. */
export type PostingToNormalize = { raw: RawPostingRow; sourceKind: string | null; listingId: string | null };

/** The raw postings by id with their source's kind and the listing made from each before, in one statement. */
export async function loadPostingsToNormalize(db: Kysely<DB>, rawPostingIds: readonly string[]): Promise<Map<string, PostingToNormalize>> {
  const { rows } = await loadPostings(db, { rawPostingIds: [...rawPostingIds] });
  return new Map(rows.map(({ sourceKind, listingId, ...raw }) => [raw.id, { raw, sourceKind, listingId }]));
}

const loadPostings = hotStatement<RawPostingRow & { sourceKind: string | null; listingId: string | null }, { rawPostingIds: string[] }>(`
  select raw_posting.*, source.kind as source_kind, listing.id as listing_id
  from raw_posting
  left join source on source.id = raw_posting.source_id
  left join listing on listing.source_id = raw_posting.source_id and listing.external_id = raw_posting.external_id
  where raw_posting.id = any(cast(:rawPostingIds as uuid[]))`);

/** A posting that is not HIT: its raw row records the reasons and its listing, if any, closes. */
export async function rejectPosting(db: Kysely<DB>, raw: { id: string; sourceId: string; externalId: string }, reason: string): Promise<void> {
  await reject(db, { sourceId: raw.sourceId, externalId: raw.externalId, rawPostingId: raw.id, reason });
}

const reject = hotStatement<never, { sourceId: string; externalId: string; rawPostingId: string; reason: string }>(`
  with closed as (
    update listing set status = 'closed', closed_reason = 'not_hit'
    where source_id = :sourceId and external_id = :externalId and status = 'open'
    returning 1
  )
  update raw_posting set status = 'rejected', reason = :reason where id = :rawPostingId`);

export interface StoreListing {
  /** The listing's id: its existing one, or a new one the caller chose (so its cluster can name it). */
  listingId: string;
  sourceId: string;
  externalId: string;
  rawPostingId: string | null;
  /** Hash of the normalized Listing. */
  contentHash: string;
  data: Listing;
  /** The listing as ranking reads it (@himatch/matcher matchDocument); stored as json beside `data`. Null: none (readers use `data`). */
  matchDoc: unknown;
  /** What the same-job test reads of it (@himatch/normalizer sameJobDoc); stored as json beside `data`. Null: none. */
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
  const projected = projectListing(s.data);
  const status = s.expired ? 'closed' : 'open';
  const params: Record<string, unknown> = {
    listingId: s.listingId, sourceId: s.sourceId, externalId: s.externalId, rawPostingId: s.rawPostingId, contentHash: s.contentHash,
    data: JSON.stringify(s.data), matchDoc: jsonOrNull(s.matchDoc), sameJob: jsonOrNull(s.sameJob),
    clusterId: s.cluster.id, create: s.cluster.create, keys: s.cluster.keys, merge: s.cluster.mergeApplyUrls.length > 0, mergeApplyUrls: s.cluster.mergeApplyUrls,
    fingerprint: s.data.fingerprint, fingerprintOfListing: `${s.data.fingerprint}/${s.listingId}`, applyUrls: s.data.applyUrls,
    runId: s.runId, status, closedReason: s.expired ? 'expired' : null,
  };
  for (const [column, value] of Object.entries(projected)) params[`p_${column}`] = value;
  store ??= hotStatement<{ outcome: UpsertOutcome }, Record<string, unknown>>(storeListingSql(Object.keys(projected)));
  const { rows } = await store(db, params);
  if (!rows[0]) throw new Error(`listing store raced for ${s.sourceId}/${s.externalId}; retry`);
  return rows[0];
}

/** SQL NULL for a missing document, not the json value null. */
const jsonOrNull = (doc: unknown): string | null => (doc === null || doc === undefined ? null : JSON.stringify(doc));

let store: ReturnType<typeof hotStatement<{ outcome: UpsertOutcome }, Record<string, unknown>>> | undefined;

const snake = (column: string) => column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** storeListing's statement, for the projection's columns (the same on every call). */
function storeListingSql(projectedColumns: string[]): string {
  const columns = projectedColumns.map(snake);
  return `
    -- The row as the statement found it (no FOR UPDATE: a row this statement then updates would
    -- vanish from a locking read evaluated after the update).
    with old as (
      select id, cluster_id from listing
      where source_id = :sourceId and external_id = :externalId
    ),
    new_cluster as (
      insert into listing_cluster (id, fingerprint, apply_urls, canonical_listing_id, listing_count)
      select cast(:clusterId as uuid),
        -- A fingerprint another job already holds gets the listing id appended.
        case when exists (select 1 from listing_cluster where fingerprint = :fingerprint) then :fingerprintOfListing else :fingerprint end,
        cast(:applyUrls as text[]), cast(:listingId as uuid), 1
      where :create
      returning id
    ),
    written as (
      insert into listing (id, source_id, external_id, raw_posting_id, content_hash, data, match_doc, same_job, ${columns.join(', ')}, cluster_id,
        last_seen_at, last_seen_run_id, missed_runs, status, closed_reason)
      values (:listingId, :sourceId, :externalId, :rawPostingId, :contentHash, cast(:data as jsonb), cast(:matchDoc as json), cast(:sameJob as json),
        ${projectedColumns.map((c) => `:p_${c}`).join(', ')},
        :clusterId, now(), :runId, 0, :status, :closedReason)
      on conflict (source_id, external_id) do update set
        raw_posting_id = excluded.raw_posting_id, content_hash = excluded.content_hash, data = excluded.data, match_doc = excluded.match_doc, same_job = excluded.same_job,
        ${columns.map((c) => `${c} = excluded.${c}`).join(', ')},
        cluster_id = excluded.cluster_id, last_seen_at = now(), last_seen_run_id = excluded.last_seen_run_id, missed_runs = 0,
        status = excluded.status, closed_reason = excluded.closed_reason
      -- A closed listing seen open again is reopened (and matched again).
      where listing.content_hash is distinct from excluded.content_hash or (listing.status = 'closed' and excluded.status = 'open')
      returning id
    ),
    touched as (
      update listing set last_seen_at = now(), last_seen_run_id = :runId, missed_runs = 0, status = :status, closed_reason = :closedReason,
        cluster_id = :clusterId, match_doc = coalesce(match_doc, cast(:matchDoc as json)), same_job = coalesce(same_job, cast(:sameJob as json))
      where source_id = :sourceId and external_id = :externalId and not exists (select 1 from written)
      returning id
    ),
    left_cluster as (
      update listing_cluster set listing_count = listing_count - 1, updated_at = now()
      where id = (select cluster_id from old) and (select cluster_id from old) is distinct from :clusterId
      returning id
    ),
    target as (
      update listing_cluster set
        listing_count = listing_count + case when exists (select 1 from old where cluster_id = :clusterId) then 0 else 1 end,
        apply_urls = case when :merge then array(select distinct u from unnest(apply_urls || cast(:mergeApplyUrls as text[])) as u order by u) else apply_urls end,
        updated_at = now()
      where id = :clusterId and not :create
      returning id
    ),
    keyed as (
      insert into listing_cluster_key (key, cluster_id)
      select k, cast(:clusterId as uuid) from unnest(cast(:keys as text[])) as k
      on conflict (key, cluster_id) do nothing
      returning 1
    ),
    normalized as (
      update raw_posting set status = 'normalized', reason = null where id = :rawPostingId
      returning 1
    )
    select case
      when not exists (select 1 from old) then 'new'
      when exists (select 1 from written) then 'changed'
      else 'unchanged' end as outcome
    from (select 1 from written union all select 1 from touched) as stored
    limit 1`;
}
