import { sql, type RawBuilder } from 'kysely';
import type { ListingRow } from '../rows.ts';

export const LISTING_COLUMNS = [
  'id', 'sourceId', 'externalId', 'rawPostingId', 'contentHash', 'data', 'title', 'employer', 'role', 'isHit', 'workMode',
  'employmentType', 'minEducation', 'requiredCredentials', 'acceptedCredentials', 'salaryAnnualMin', 'salaryAnnualMax',
  'region', 'regions', 'remoteRegions', 'remoteExcludedRegions', 'lat', 'lon', 'federalSeries', 'federalGradeLow', 'federalGradeHigh', 'postedAt',
  'closesAt', 'status', 'closedReason', 'clusterId', 'firstSeenAt', 'lastSeenAt', 'lastSeenRunId', 'missedRuns',
] as const satisfies readonly (keyof ListingRow)[];

// ---- The recruiter search (API `GET /listings`, CSV export, facets, market) ----------------

export const LISTING_SORTS = ['relevance', 'posted', 'pay'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

/** Every filter of the recruiter search; absent fields do not filter. Pay is annual. */
export interface ListingFilter {
  q?: string;
  roles?: string[];
  credential?: string;
  /** required: the listing requires it; accepted: required or preferred (default). */
  credentialMode?: 'required' | 'accepted';
  /** Education levels at or above the wanted minimum (the caller expands the ordering). */
  minEducationIn?: string[];
  states?: string[];
  near?: { lat: number; lon: number; radiusMiles: number };
  workModes?: string[];
  /** Remote listings open to this state (or to any state). */
  remoteState?: string;
  minAnnualPay?: number;
  maxAnnualPay?: number;
  employmentTypes?: string[];
  postedSince?: Date;
  closingBefore?: Date;
  employer?: string;
  sourceId?: string;
  sourceName?: string;
  federalSeries?: string;
  federalGrade?: number;
  status?: 'open' | 'closed';
}

const MILES_PER_DEGREE_LAT = 69.0;
const EARTH_RADIUS_MILES = 3958.8;

/** The WHERE conditions of a filter, all parameterized. */
export function listingFilterConditions(f: ListingFilter): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [sql<boolean>`status = ${f.status ?? 'open'}`];
  if (f.q) c.push(sql<boolean>`search_vector @@ websearch_to_tsquery('english', ${f.q})`);
  if (f.roles?.length) c.push(sql<boolean>`role = any(${f.roles}::text[])`);
  if (f.credential) {
    const column = f.credentialMode === 'required' ? sql.ref('required_credentials') : sql.ref('accepted_credentials');
    c.push(sql<boolean>`${column} @> array[${f.credential}]::text[]`);
  }
  if (f.minEducationIn) c.push(sql<boolean>`min_education = any(${f.minEducationIn}::text[])`);
  if (f.states?.length) c.push(sql<boolean>`regions && ${f.states}::text[]`);
  if (f.near) c.push(nearCondition(f.near));
  if (f.workModes?.length) c.push(sql<boolean>`work_mode = any(${f.workModes}::text[])`);
  if (f.remoteState) {
    c.push(sql<boolean>`(work_mode = 'remote' and (remote_regions @> array[${f.remoteState}]::text[] or remote_regions = '{}')
      and not remote_excluded_regions @> array[${f.remoteState}]::text[])`);
  }
  if (f.minAnnualPay !== undefined) c.push(sql<boolean>`coalesce(salary_annual_max, salary_annual_min) >= ${f.minAnnualPay}`);
  if (f.maxAnnualPay !== undefined) c.push(sql<boolean>`coalesce(salary_annual_min, salary_annual_max) <= ${f.maxAnnualPay}`);
  if (f.employmentTypes?.length) c.push(sql<boolean>`employment_type = any(${f.employmentTypes}::text[])`);
  if (f.postedSince) c.push(sql<boolean>`posted_at >= ${f.postedSince}`);
  if (f.closingBefore) c.push(sql<boolean>`closes_at < ${f.closingBefore}`);
  if (f.employer) c.push(sql<boolean>`lower(employer) = lower(${f.employer})`);
  if (f.sourceId) c.push(sql<boolean>`source_id = ${f.sourceId}`);
  if (f.sourceName) c.push(sql<boolean>`source_id = (select s.id from source s where s.name = ${f.sourceName})`);
  // Implied by a series or a grade; written out so the planner can use the partial index of
  // federal listings (listing_open_federal_posted_idx).
  if (f.federalSeries || f.federalGrade !== undefined) c.push(sql<boolean>`federal_series <> '{}'`);
  if (f.federalSeries) c.push(sql<boolean>`federal_series @> array[${f.federalSeries}]::text[]`);
  if (f.federalGrade !== undefined) {
    c.push(sql<boolean>`(federal_grade_low <= ${f.federalGrade} and coalesce(federal_grade_high, federal_grade_low) >= ${f.federalGrade})`);
  }
  return c;
}

/** A bounding box the btree on (lat, lon) can use, then the exact great-circle distance. */
function nearCondition(near: { lat: number; lon: number; radiusMiles: number }): RawBuilder<boolean> {
  const dLat = near.radiusMiles / MILES_PER_DEGREE_LAT;
  const dLon = near.radiusMiles / (MILES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((near.lat * Math.PI) / 180)));
  return sql<boolean>`(lat between ${near.lat - dLat} and ${near.lat + dLat}
    and lon between ${near.lon - dLon} and ${near.lon + dLon}
    and ${EARTH_RADIUS_MILES * 2} * asin(sqrt(power(sin(radians(lat - ${near.lat}) / 2), 2)
      + cos(radians(${near.lat})) * cos(radians(lat)) * power(sin(radians(lon - ${near.lon}) / 2), 2))) <= ${near.radiusMiles})`;
}

export function whereAll(conditions: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.join(conditions, sql` and `)}`;
}

/** Where a page ended: the sort key of its last row (null for undated / unpaid) and its id. */
export interface SearchCursor {
  sort: ListingSort;
  /** The sort key as Postgres prints it (exact: microseconds, real and numeric digits). */
  value: string | null;
  id: string;
}

/** The sort expression, always descending with nulls last, ties broken by id desc. */
export function sortExpression(sort: ListingSort, q: string | undefined): RawBuilder<unknown> {
  if (sort === 'relevance') {
    if (!q) throw new Error('relevance sort needs a query');
    return sql`ts_rank(search_vector, websearch_to_tsquery('english', ${q}))`;
  }
  return sort === 'pay' ? sql`coalesce(salary_annual_max, salary_annual_min)` : sql`posted_at`;
}

/** Rows strictly after the cursor in (key desc nulls last, id desc) order. */
export function keysetAfter(key: RawBuilder<unknown>, cursor: SearchCursor, id: RawBuilder<unknown> = sql.ref('id')): RawBuilder<boolean> {
  if (cursor.value === null) return sql<boolean>`(${key} is null and ${id} < ${cursor.id})`;
  const value = cursorValue(cursor);
  return sql<boolean>`(${key} < ${value} or (${key} = ${value} and ${id} < ${cursor.id}) or ${key} is null)`;
}

function cursorValue(cursor: SearchCursor): RawBuilder<unknown> {
  // The value is the key's own text form (see SEARCH_KEY), so it reads back exactly equal.
  const text = String(cursor.value);
  if (cursor.sort === 'posted') return sql`${text}::timestamptz`;
  return cursor.sort === 'relevance' ? sql`${text}::real` : sql`${text}::numeric`;
}

/** The filters listing_open_posted_filters_idx carries beside the open status and posted_at (place and remote states since migration 20261126001000). */
const COVERED_FIELDS = ['roles', 'credential', 'credentialMode', 'minEducationIn', 'states', 'near', 'workModes', 'remoteState', 'employmentTypes', 'postedSince'] as const;

/** The filters listing_open_federal_posted_idx carries beside the open status, federal series and posted_at (since migration 20261126001200). */
const FEDERAL_COVERED_FIELDS = new Set<string>([
  'federalSeries', 'federalGrade', 'roles', 'credential', 'credentialMode', 'minEducationIn', 'states', 'workModes', 'employmentTypes', 'postedSince', 'status',
]);

/** An open-listing filter on a federal series or grade that the partial index of federal listings answers alone. */
export function federalCovered(f: ListingFilter): boolean {
  if ((f.status ?? 'open') !== 'open' || (f.federalSeries === undefined && f.federalGrade === undefined)) return false;
  return Object.entries(f).every(([field, value]) => value === undefined || FEDERAL_COVERED_FIELDS.has(field));
}

/**
 * Splits an open-listing filter into what the narrow (posted_at, id) index can check without
 * reading the ~1 KB row and the rest (text search, pay, distance, ...), so a walk in posted
 * order reads only the rows the cheap filters keep. Null when nothing would be narrowed.
 */
export function splitCoveredFilter(f: ListingFilter): { covered: ListingFilter; rest: ListingFilter } | null {
  if ((f.status ?? 'open') !== 'open') return null;
  const covered: ListingFilter = { status: 'open' };
  const rest: ListingFilter = { ...f };
  for (const field of COVERED_FIELDS) {
    if (f[field] === undefined) continue;
    Object.assign(covered, { [field]: f[field] });
    delete rest[field];
  }
  return listingFilterConditions(covered).length > 1 ? { covered, rest } : null;
}
