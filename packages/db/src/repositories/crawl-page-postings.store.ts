import type { Kysely } from 'kysely';
import { hotStatement } from '../hot-statement.ts';
import type { DB } from '../schema.generated.ts';

// Everything a read page changes, in one statement (each round trip to Postgres costs more
// CPU on a small machine than the SQL itself): upsert its postings into raw_posting
// (content-hashed: an unchanged posting is only marked seen), mark their listings seen
// (reopening ones closed as not seen), and complete the page with its counts.
// One statement is one transaction, so a crash leaves either all of it or none of it.

export interface PostingRow {
  externalId: string;
  url: string;
  contentHash: string;
  payload: unknown;
  etag: string | null;
  lastModified: string | null;
}

export interface StoredPosting {
  id: string;
  externalId: string;
  contentHash: string;
  outcome: 'new' | 'changed' | 'unchanged';
  /** Still waiting for normalization (always so when new or changed). */
  pending: boolean;
}

export interface StoredPage {
  postings: StoredPosting[];
}


/** Postings with the same external id on one page: the last one wins (one row per key). */
export function uniqueByExternalId(rows: PostingRow[]): PostingRow[] {
  return [...new Map(rows.map((r) => [r.externalId, r])).values()];
}

export async function storePage(
  db: Kysely<DB>, ids: { sourceId: string; runId: string; key: string }, rows: PostingRow[], failed: number,
): Promise<StoredPage> {
  const { sourceId, runId, key } = ids;
  const input = JSON.stringify(rows.map((r) => ({ external_id: r.externalId, url: r.url, content_hash: r.contentHash, payload: r.payload, etag: r.etag, last_modified: r.lastModified })));
  const result = await storePageStatement(db, { input, sourceId, runId, key, failed });
  // The page's own completion (`done`) runs whether or not it is read: data-modifying CTEs always do.
  return { postings: result.rows };
}

const storePageStatement = hotStatement<StoredPosting, { input: string; sourceId: string; runId: string; key: string; failed: number }>(`
    with input as (
      select * from jsonb_to_recordset(cast(:input as jsonb))
        as x(external_id text, url text, content_hash text, payload jsonb, etag text, last_modified text)
    ),
    written as (
      insert into raw_posting (source_id, external_id, url, content_hash, payload, etag, last_modified, last_run_id, fetched_at)
      select cast(:sourceId as uuid), external_id, url, content_hash, payload, etag, last_modified, cast(:runId as uuid), now() from input
      on conflict (source_id, external_id) do update set
        url = excluded.url, content_hash = excluded.content_hash, payload = excluded.payload, status = 'pending', reason = null,
        etag = excluded.etag, last_modified = excluded.last_modified, last_run_id = excluded.last_run_id, fetched_at = now()
      where raw_posting.content_hash is distinct from excluded.content_hash
      returning id, external_id, content_hash, (xmax = 0) as inserted
    ),
    touched as (
      update raw_posting r set etag = i.etag, last_modified = i.last_modified, last_run_id = cast(:runId as uuid), fetched_at = now()
      from input i
      where r.source_id = cast(:sourceId as uuid) and r.external_id = i.external_id
        and not exists (select 1 from written w where w.external_id = i.external_id)
      returning r.id, r.external_id, r.content_hash, (r.status = 'pending' or (r.status = 'failed' and r.reason like 'job failed:%')) as pending
    ),
    -- = any(array(...)) keeps this an index lookup; a semi-join scanned every listing of the source.
    seen as (
      update listing set last_seen_run_id = cast(:runId as uuid), last_seen_at = now(), missed_runs = 0,
        status = case when closed_reason = 'not_seen' then 'open' else status end,
        closed_reason = case when closed_reason = 'not_seen' then null else closed_reason end
      where source_id = cast(:sourceId as uuid) and external_id = any(array(select external_id from input))
      returning 1
    ),
    done as (
      update crawl_page set status = 'done', reason = null, finished_at = now(), pages = 1,
        postings_seen = (select count(*) from input),
        new = (select count(*) from written where inserted),
        changed = (select count(*) from written where not inserted),
        unchanged = (select count(*) from touched),
        failed = cast(:failed as int)
      where run_id = cast(:runId as uuid) and request_key = :key and status = 'pending'
      returning 1
    )
    select id, external_id, content_hash, case when inserted then 'new' else 'changed' end as outcome, true as pending from written
    union all select id, external_id, content_hash, 'unchanged', pending from touched`);
