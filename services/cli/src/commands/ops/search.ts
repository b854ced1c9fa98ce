import { CREDENTIAL_IDS, EDUCATION_LEVELS, ROLE_IDS, employmentTypeSchema, isCredentialId, workModeSchema, type EducationLevel, type Listing } from '@himatch/core';
import { FACETS, LISTING_SORTS, ListingSearchRepository, type FacetName, type ListingRow, type ListingSort } from '@himatch/db';
import { answerListings, HttpError, MAX_PAGE, type ListingsQuery } from '@himatch/api';
import { UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { intFlag, str, type Command } from '../command.ts';

// `himatch search [words] [filters]`: the recruiter search of GET /listings (answerListings: the
// same filters, sorts, facets and cursors), printed as tables or --json.

/** The flags of a filter, named as GET /listings names its query parameters. */
const FLAG_OF: Record<string, string> = {
  q: 'words', role: '--role', credential: '--credential', credentialMode: '--credential-mode', minDegree: '--min-degree', state: '--state',
  nearZip: '--near-zip', radiusMiles: '--radius', workMode: '--work-mode', remoteState: '--remote-state', minPay: '--min-pay', maxPay: '--max-pay',
  payPeriod: '--pay-period', employmentType: '--employment-type', postedSince: '--posted-since', closingBefore: '--closing-before',
  employer: '--employer', source: '--source', federalSeries: '--federal-series', federalGrade: '--federal-grade', sort: '--sort', cursor: '--cursor',
  facets: '--facets', limit: '--limit',
};

const DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

const choices = (allowed: readonly string[]) => (allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`);

/** A comma-separated flag, each value checked against `allowed`. */
function listFlag<T extends string>(v: unknown, flag: string, allowed: readonly T[], what = choices(allowed)): T[] | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  const values = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = values.find((x) => !allowed.includes(x as T));
  if (bad !== undefined || values.length === 0) throw new UsageError(`${flag} must be ${what}, comma-separated for several (got "${text}")`);
  return values as T[];
}

function oneOf<T extends string>(v: unknown, flag: string, allowed: readonly T[]): T | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  if (!allowed.includes(text as T)) throw new UsageError(`${flag} must be ${choices(allowed)} (got "${text}")`);
  return text as T;
}

function pattern(v: unknown, flag: string, re: RegExp, what: string, normalize: (s: string) => string = (s) => s): string | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  const value = normalize(text);
  if (!re.test(value)) throw new UsageError(`${flag} must be ${what} (got "${text}")`);
  return value;
}

function number(v: unknown, flag: string, min: number, max: number): number | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number from ${min} to ${max} (got "${text}")`);
  return n;
}

const STATES = /^[A-Z]{2}$/;
const upper = (s: string) => s.toUpperCase();

/** Flags and words -> the query GET /listings takes; a bad value names its flag. */
export function queryFrom(v: Record<string, unknown>, words: string[]): ListingsQuery {
  const q = words.join(' ').trim();
  if (q.length > 200) throw new UsageError('the search words must be at most 200 characters');
  const credential = str(v['credential'])?.toUpperCase();
  if (credential !== undefined && !isCredentialId(credential)) throw new UsageError(`--credential must be one of ${CREDENTIAL_IDS.join(', ')} (got "${credential}")`);
  const states = str(v['state'])?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (states !== undefined && (states.length === 0 || states.some((s) => !STATES.test(s)))) throw new UsageError(`--state must be a two-letter state code, comma-separated for several (got "${String(v['state'])}")`);
  const minPay = v['min-pay'] === undefined ? undefined : intFlag(v['min-pay'], '--min-pay', 0, 10_000_000);
  const maxPay = v['max-pay'] === undefined ? undefined : intFlag(v['max-pay'], '--max-pay', 0, 10_000_000);
  const payPeriod = oneOf(v['pay-period'], '--pay-period', ['hour', 'year'] as const);
  if (payPeriod !== undefined && minPay === undefined && maxPay === undefined) throw new UsageError('--pay-period needs --min-pay or --max-pay');
  const workModes = listFlag(v['work-mode'], '--work-mode', workModeSchema.options);
  const query: ListingsQuery = {
    ...(q ? { q } : {}),
    role: listFlag(v['role'], '--role', ROLE_IDS, `a role id (${ROLE_IDS.join(', ')})`),
    credential,
    credentialMode: oneOf(v['credential-mode'], '--credential-mode', ['required', 'accepted'] as const),
    minDegree: oneOf<EducationLevel>(v['min-degree'], '--min-degree', EDUCATION_LEVELS),
    state: states,
    nearZip: pattern(v['near-zip'], '--near-zip', /^\d{5}$/, 'a five-digit ZIP code'),
    radiusMiles: number(v['radius'], '--radius', 1, 500),
    workMode: v['remote'] === true ? [...new Set([...(workModes ?? []), 'remote'])] : workModes,
    remoteState: pattern(v['remote-state'], '--remote-state', STATES, 'a two-letter state code', upper),
    minPay, maxPay, payPeriod,
    employmentType: listFlag(v['employment-type'], '--employment-type', employmentTypeSchema.options),
    postedSince: pattern(v['posted-since'], '--posted-since', DAY_OR_TIME, 'a date (YYYY-MM-DD) or a time'),
    closingBefore: pattern(v['closing-before'], '--closing-before', DAY_OR_TIME, 'a date (YYYY-MM-DD) or a time'),
    employer: str(v['employer']),
    source: str(v['source']),
    federalSeries: pattern(v['federal-series'], '--federal-series', /^\d{4}$/, 'a four-digit series such as 0675'),
    federalGrade: v['federal-grade'] === undefined ? undefined : intFlag(v['federal-grade'], '--federal-grade', 1, 15),
    status: v['closed'] === true ? 'closed' : 'open',
    sort: oneOf<ListingSort>(v['sort'], '--sort', LISTING_SORTS),
    facets: listFlag<FacetName>(v['facets'], '--facets', FACETS),
    limit: intFlag(str(v['limit']) ?? '20', '--limit', 1, MAX_PAGE),
    cursor: str(v['cursor']),
  };
  // Absent flags are absent keys, as in a query string.
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as ListingsQuery;
}

const money = (n: number | null | undefined, hourly: boolean): string | null =>
  n === null || n === undefined ? null : hourly ? `$${n.toFixed(2)}` : `$${Math.round(n / 1000)}k`;

type Shown = Pick<ListingRow, 'salaryAnnualMin' | 'salaryAnnualMax' | 'region' | 'workMode'> & { data: ListingRow['data'] | null };

/** Pay as posted (hourly stays hourly), else the annualized range. */
export function payText(row: Shown): string | null {
  const salary = (row.data as Partial<Listing> | null)?.salary;
  const hourly = salary?.period === 'hour';
  const [min, max] = salary && (hourly || salary.period === 'year') ? [salary.min, salary.max] : [row.salaryAnnualMin, row.salaryAnnualMax];
  const unit = hourly ? '/h' : '/yr';
  if (min == null && max == null) return null;
  return min != null && max != null && min !== max ? `${money(min, hourly)}–${money(max, hourly)}${unit}` : `${money(min ?? max, hourly)}${unit}`;
}

export function placeText(row: Shown): string | null {
  const first = (row.data as Partial<Listing> | null)?.locations?.[0];
  const where = first ? [first.city, first.region].filter(Boolean).join(', ') : row.region;
  if (row.workMode === 'remote') return where ? `remote (${where})` : 'remote';
  return where || null;
}

export const searchCommand: Command = {
  usage: 'himatch search [WORDS] [--role R,..] [--credential C [--credential-mode required|accepted]] [--min-degree D] [--state ST,..] '
    + '[--near-zip Z [--radius MI]] [--work-mode M,..|--remote] [--remote-state ST] [--min-pay N] [--max-pay N] [--pay-period hour|year] '
    + '[--employment-type T,..] [--posted-since DAY] [--closing-before DAY] [--employer E] [--source S] [--federal-series NNNN] '
    + '[--federal-grade G] [--closed] [--sort relevance|posted|pay] [--facets F,..] [--limit N] [--cursor C]   recruiter search (GET /listings)',
  options: {
    role: { type: 'string' }, credential: { type: 'string' }, 'credential-mode': { type: 'string' }, 'min-degree': { type: 'string' },
    state: { type: 'string' }, 'near-zip': { type: 'string' }, radius: { type: 'string' }, 'work-mode': { type: 'string' }, remote: { type: 'boolean' },
    'remote-state': { type: 'string' }, 'min-pay': { type: 'string' }, 'max-pay': { type: 'string' }, 'pay-period': { type: 'string' },
    'employment-type': { type: 'string' }, 'posted-since': { type: 'string' }, 'closing-before': { type: 'string' }, employer: { type: 'string' },
    source: { type: 'string' }, 'federal-series': { type: 'string' }, 'federal-grade': { type: 'string' }, closed: { type: 'boolean' },
    sort: { type: 'string' }, facets: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' },
  },
  async run(ctx, v, words) {
    const query = queryFrom(v, words);
    let answer;
    try {
      answer = await answerListings(new ListingSearchRepository(ctx.db), query);
    } catch (err) {
      // The API's cross-field rules (a radius without a ZIP, an unknown ZIP, pay bounds crossed, a stale cursor).
      if (err instanceof HttpError && err.statusCode === 400) throw new UsageError(`${FLAG_OF[err.field ?? ''] ?? err.field ?? 'search'}: ${err.message}`);
      throw err;
    }
    const ids = answer.items.map((i) => i.id);
    const docs = ids.length === 0 ? [] : await ctx.db.selectFrom('listing').select(['id', 'data']).where('id', 'in', ids).execute();
    const dataOf = new Map(docs.map((d) => [d.id, d.data]));
    const rows = answer.items.map((item) => ({ ...item, data: dataOf.get(item.id) ?? null }));
    const facetRows = Object.entries(answer.facets ?? {}).flatMap(([facet, values]) => values.map((x) => [facet, x.value, String(x.count)]));
    ctx.print(
      () => [
        rows.length === 0 ? 'no listings match' : formatTable(['title', 'employer', 'role', 'place', 'pay', 'posted'],
          rows.map((l) => [l.title, l.employer, l.role, placeText(l), payText(l), l.postedAt ? new Date(l.postedAt).toISOString().slice(0, 10) : null])),
        '',
        `${rows.length} listing(s), by ${answer.sort}${answer.next ? `; next page: --cursor ${answer.next}` : ''}`,
        ...(answer.facetScope ? ['', formatTable(['facet', 'value', 'count'], facetRows),
          `facets counted over the ${answer.facetScope.scanned} newest matches${answer.facetScope.capped ? ' (more listings match)' : ''}`] : []),
      ].join('\n'),
      {
        search: answer.filter, sort: answer.sort, items: rows.map(({ data, ...row }) => ({ ...row, listing: data })), next: answer.next,
        ...(answer.facets ? { facets: answer.facets, facetScope: answer.facetScope } : {}),
      },
    );
  },
};
