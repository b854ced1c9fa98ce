import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { ListingRow } from '../rows.ts';

export interface ListingCursor {
  postedAt: Date | string | null;
  id: string;
}

export interface ListingSearch {
  q?: string;
  role?: string;
  /** A state: the first location's, any location's, or a remote-eligible one. */
  region?: string;
  /** A credential id the listing requires or prefers. */
  credential?: string;
  workMode?: string;
  /** Keeps listings whose pay can reach this annual amount. */
  minAnnualPay?: number;
  status?: 'open' | 'closed';
  limit: number;
  after?: ListingCursor;
}

export interface ListingPage {
  items: ListingRow[];
  /** Pass as `after` for the next page; null on the last page. */
  next: ListingCursor | null;
}

export const LISTING_COLUMNS = [
  'id', 'sourceId', 'externalId', 'rawPostingId', 'contentHash', 'data', 'title', 'employer', 'role', 'isHit', 'workMode',
  'employmentType', 'minEducation', 'requiredCredentials', 'acceptedCredentials', 'salaryAnnualMin', 'salaryAnnualMax',
  'region', 'regions', 'remoteRegions', 'lat', 'lon', 'federalSeries', 'federalGradeLow', 'federalGradeHigh', 'postedAt',
  'closesAt', 'status', 'closedReason', 'clusterId', 'firstSeenAt', 'lastSeenAt', 'lastSeenRunId', 'missedRuns',
] as const satisfies readonly (keyof ListingRow)[];

/** Newest first (undated last), keyset-paged on (posted_at, id) so deep pages stay cheap. */
export function listingSearchQuery(db: Kysely<DB>, s: ListingSearch): SelectQueryBuilder<DB, 'listing', ListingRow> {
  let query = db
    .selectFrom('listing')
    .select(LISTING_COLUMNS)
    .where('status', '=', s.status ?? 'open')
    .orderBy(sql`posted_at desc nulls last`)
    .orderBy('id', 'desc')
    .limit(s.limit);
  if (s.q) query = query.where(sql<boolean>`search_vector @@ websearch_to_tsquery('english', ${s.q})`);
  if (s.role) query = query.where('role', '=', s.role);
  if (s.workMode) query = query.where('workMode', '=', s.workMode);
  if (s.credential) query = query.where('acceptedCredentials', '@>', sql<string[]>`array[${s.credential}]::text[]`);
  if (s.minAnnualPay !== undefined) {
    query = query.where(sql<boolean>`coalesce(salary_annual_max, salary_annual_min) >= ${s.minAnnualPay}`);
  }
  const region = s.region;
  if (region) {
    query = query.where((eb) =>
      eb.or([eb('region', '=', region), eb(eb.val(region), '=', eb.fn.any('regions')), eb(eb.val(region), '=', eb.fn.any('remoteRegions'))]),
    );
  }
  if (s.after) query = query.where(afterCursor(s.after));
  return query;
}

function afterCursor(after: ListingCursor) {
  if (after.postedAt === null) return sql<boolean>`(posted_at is null and id < ${after.id})`;
  const at = new Date(after.postedAt);
  return sql<boolean>`(posted_at < ${at} or (posted_at = ${at} and id < ${after.id}) or posted_at is null)`;
}

export function nextCursor(items: ListingRow[], limit: number): ListingCursor | null {
  const last = items.at(-1);
  if (!last || items.length < limit) return null;
  return { postedAt: last.postedAt, id: last.id };
}
