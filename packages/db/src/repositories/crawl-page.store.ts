import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { SourceRow } from '../rows.ts';
import { PAGE_COUNTS, type CrawlCounts } from './crawl-run.repository.ts';
import type { PageRole, PageStatus } from './crawl-ledger.repository.ts';
import { hotStatement } from '../hot-statement.ts';

// The crawl.page hot path in as few round trips as the ledger's guarantees allow (one page
// per posting on a career site makes these statements the crawler's cost per posting):
// each statement below is atomic on its own, so the at-least-once reasoning of the ledger
// (register once, complete once, end the run when nothing is pending) is unchanged.
// A page carries its own counts and no page write touches the run's row: every page of a
// run would queue on that one row lock. The worker that completes a page asks, after its
// commit, whether any page is still pending; the last of concurrent completers sees all
// the others' commits, so some worker always ends the run.

export interface KnownRaw {
  externalId: string;
  etag: string | null;
  lastModified: string | null;
}

export interface PageContext {
  status: string;
  source: SourceRow;
  /** The raw posting last fetched from this URL (validators and the source's own stamp). */
  known: KnownRaw | null;
}

/** The page's status, its source and what we know of its URL, in one query; undefined when the page or source is missing. */
export async function loadPageContext(db: Kysely<DB>, runId: string, key: string, sourceId: string, url: string): Promise<PageContext | undefined> {
  const { rows } = await pageContext(db, { runId, key, sourceId, url });
  const row = rows[0];
  if (!row) return undefined;
  const { pageStatus, knownExternalId, knownEtag, knownLastModified, ...source } = row;
  const known = knownExternalId === null ? null : { externalId: knownExternalId, etag: knownEtag, lastModified: knownLastModified };
  return { status: pageStatus, source, known };
}

type PageContextRow = SourceRow & { pageStatus: string; knownExternalId: string | null; knownEtag: string | null; knownLastModified: string | null };

const pageContext = hotStatement<PageContextRow, { runId: string; key: string; sourceId: string; url: string }>(`
  select source.*, crawl_page.status as page_status, known.known_external_id, known.known_etag, known.known_last_modified
  from crawl_page
  join source on source.id = :sourceId
  left join lateral (
    select external_id as known_external_id, etag as known_etag, last_modified as known_last_modified
    from raw_posting where source_id = :sourceId and url = :url
    order by fetched_at desc limit 1
  ) known on true
  where crawl_page.run_id = :runId and crawl_page.request_key = :key`);

/** Registers pages (idempotent per request key). */
export async function registerPages(db: Kysely<DB>, runId: string, pages: { key: string; role: PageRole; url: string }[]): Promise<void> {
  if (pages.length === 0) return;
  await db
    .insertInto('crawlPage')
    .values(pages.map((p) => ({ runId, requestKey: p.key, role: p.role, url: p.url })))
    .onConflict((oc) => oc.columns(['runId', 'requestKey']).doNothing())
    .execute();
}

/** The per-page counts a completed page records (closed is a run's, counted when it finishes). */
export type PageCounts = Pick<CrawlCounts, (typeof PAGE_COUNTS)[number]>;

/**
 * Completes a pending page with its counts in one statement. `completed` is false when the
 * page was already complete (an earlier attempt did it).
 */
export async function completePage(
  db: Kysely<DB>, runId: string, key: string, outcome: { status: Exclude<PageStatus, 'pending'>; reason?: string }, counts: PageCounts,
): Promise<{ completed: boolean }> {
  const row = await db
    .updateTable('crawlPage')
    .set({ status: outcome.status, reason: outcome.reason ?? null, finishedAt: sql`now()`, ...Object.fromEntries(PAGE_COUNTS.map((k) => [k, counts[k] ?? 0])) })
    .where('runId', '=', runId)
    .where('requestKey', '=', key)
    .where('status', '=', 'pending')
    .returning('requestKey')
    .executeTakeFirst();
  return { completed: row !== undefined };
}

/** Whether any page of the run is still pending (asked after a page's completion has committed). */
export async function hasPendingPages(db: Kysely<DB>, runId: string): Promise<boolean> {
  const { rows } = await anyPending(db, { runId });
  return rows[0]?.pending === true;
}

// 'pending' spelled out, not a parameter: a prepared statement's cached generic plan can then
// use the partial index of pending pages (with a parameter it was planned afresh on every call).
const anyPending = hotStatement<{ pending: boolean }, { runId: string }>(
  `select exists (select 1 from crawl_page where run_id = :runId and status = 'pending') as pending`,
);

/** Adds counts to a completed page (postings stored after the page's own statement). */
export async function addPageCounts(db: Kysely<DB>, runId: string, key: string, counts: PageCounts): Promise<void> {
  const entries = PAGE_COUNTS.filter((k) => counts[k]).map((k) => [k, counts[k] ?? 0] as const);
  if (entries.length === 0) return;
  await db
    .updateTable('crawlPage')
    .set((eb) => Object.fromEntries(entries.map(([k, n]) => [k, eb(eb.ref(k), '+', n)])))
    .where('runId', '=', runId)
    .where('requestKey', '=', key)
    .execute();
}

/** A listing seen by a run: its miss count resets and one closed as not seen reopens. */
function seenByRun(runId: string) {
  return {
    lastSeenRunId: runId,
    lastSeenAt: sql<Date>`now()`,
    missedRuns: 0,
    status: sql<'open' | 'closed'>`case when closed_reason = 'not_seen' then 'open' else status end`,
    closedReason: sql<string | null>`case when closed_reason = 'not_seen' then null else closed_reason end`,
  };
}

/**
 * Marks the listings of these postings seen by the run (reopening ones closed as not seen)
 * and returns the raw postings among them still waiting for normalization, in one statement.
 */
export function markSeenAndListPending(db: Kysely<DB>, sourceId: string, externalIds: string[], runId: string): Promise<{ id: string; contentHash: string }[]> {
  return db
    .with('seen', (qb) => qb
      .updateTable('listing')
      .set(seenByRun(runId))
      .where('sourceId', '=', sourceId)
      .where('externalId', 'in', externalIds)
      .returning('id'))
    .selectFrom('rawPosting')
    .select(['id', 'contentHash'])
    .where('sourceId', '=', sourceId)
    .where('externalId', 'in', externalIds)
    // A posting whose normalize job failed for good (not one the normalizer refused) is retried.
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb('reason', 'like', 'job failed:%')])]))
    .execute();
}

/**
 * A known posting seen again without being re-read (unchanged by the source's account, or a
 * 304): marks its raw row and listing seen by the run in one statement. Returns undefined when
 * the posting is unknown, else whether it still waits for normalization (its job may have been
 * lost to a crash right after the row was written).
 */
export async function markKnownSeen(db: Kysely<DB>, sourceId: string, externalId: string, runId: string): Promise<{ id: string; contentHash: string; pending: boolean } | undefined> {
  const row = await db
    .with('seen', (qb) => qb
      .updateTable('listing')
      .set(seenByRun(runId))
      .where('sourceId', '=', sourceId)
      .where('externalId', '=', externalId)
      .returning('id'))
    .updateTable('rawPosting')
    .set({ lastRunId: runId })
    .where('sourceId', '=', sourceId)
    .where('externalId', '=', externalId)
    .returning(['id', 'contentHash', sql<boolean>`status = 'pending' or (status = 'failed' and reason like 'job failed:%')`.as('pending')])
    .executeTakeFirst();
  return row;
}

/** Raw postings this run wrote or saw that still wait for normalization (recovery after a crash). */
export function pendingOfRun(db: Kysely<DB>, sourceId: string, runId: string): Promise<{ id: string; contentHash: string }[]> {
  return db
    .selectFrom('rawPosting')
    .select(['id', 'contentHash'])
    .where('sourceId', '=', sourceId)
    .where('lastRunId', '=', runId)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb('reason', 'like', 'job failed:%')])]))
    .execute();
}
