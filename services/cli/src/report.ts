import { sql, type Kysely } from 'kysely';
import type { DB } from '@himatch/db';

// Read-only figures the CLI prints after a crawl.

export interface PipelineReport {
  byRole: { role: string; count: number }[];
  bySource: { source: string; kind: string; listings: number; rejected: number; failed: number }[];
  rejected: number;
  failed: number;
  topRejectReasons: { reason: string; count: number }[];
  /** Pages or items that failed in each source's latest run. */
  crawlFailures: number;
  clusters: { clusters: number; multiSource: number };
}

export async function pipelineReport(db: Kysely<DB>): Promise<PipelineReport> {
  const byRole = await db
    .selectFrom('listing')
    .select(['role', sql<number>`count(*)::int`.as('count')])
    .where('status', '=', 'open')
    .groupBy('role')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('role')
    .execute();
  const bySource = await db
    .selectFrom('source')
    .leftJoin('rawPosting', 'rawPosting.sourceId', 'source.id')
    .leftJoin('listing', (j) => j.onRef('listing.rawPostingId', '=', 'rawPosting.id').on('listing.status', '=', 'open'))
    .select([
      'source.name as source',
      'source.kind as kind',
      sql<number>`count(listing.id)::int`.as('listings'),
      sql<number>`count(*) filter (where raw_posting.status = 'rejected')::int`.as('rejected'),
      sql<number>`count(*) filter (where raw_posting.status = 'failed')::int`.as('failed'),
    ])
    .groupBy(['source.name', 'source.kind'])
    .orderBy('source.name')
    .execute();
  const reasons = await db
    .selectFrom('rawPosting')
    .select([sql<string>`coalesce(nullif(split_part(coalesce(reason, ''), '; ', 2), ''), reason, '')`.as('reason'), sql<number>`count(*)::int`.as('count')])
    .where('status', '=', 'rejected')
    .groupBy(sql`1`)
    .orderBy(sql`count(*)`, 'desc')
    .limit(5)
    .execute();
  // Of each source's latest run: a rerun must not count the last run's failures again.
  const failures = await db.selectFrom('crawlFailure').select(sql<number>`count(*)::int`.as('n'))
    .where('runId', 'in', (eb) => eb.selectFrom('crawlRun').select('id').distinctOn('sourceId').orderBy('sourceId').orderBy('startedAt', 'desc'))
    .executeTakeFirstOrThrow();
  const clusters = await db
    .selectFrom('listingCluster')
    .select([sql<number>`count(*)::int`.as('clusters'), sql<number>`count(*) filter (where listing_count > 1)::int`.as('multiSource')])
    .where('listingCount', '>', 0)
    .executeTakeFirstOrThrow();
  return {
    byRole: byRole.map((r) => ({ role: r.role ?? '(none)', count: r.count })),
    bySource,
    rejected: bySource.reduce((n, s) => n + s.rejected, 0),
    failed: bySource.reduce((n, s) => n + s.failed, 0),
    topRejectReasons: reasons,
    crawlFailures: failures.n,
    clusters,
  };
}
