import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema.generated.ts';
import { keysetAfter, listingFilterConditions, sortExpression, splitCoveredFilter, whereAll, type ListingFilter, type ListingSort, type SearchCursor } from './listing-search.ts';

/** A listing as the search lists it: the filterable columns, no document. */
export interface ListingSummary {
  id: string;
  sourceId: string;
  title: string;
  employer: string | null;
  role: string | null;
  workMode: string;
  employmentType: string;
  minEducation: string;
  requiredCredentials: string[];
  acceptedCredentials: string[];
  salaryAnnualMin: number | null;
  salaryAnnualMax: number | null;
  region: string | null;
  regions: string[];
  remoteRegions: string[];
  federalSeries: string[];
  federalGradeLow: number | null;
  federalGradeHigh: number | null;
  postedAt: Date | null;
  closesAt: Date | null;
  status: 'open' | 'closed';
  clusterId: string | null;
  applyUrl: string | null;
}

/**
 * What the PILOT newest open listings tell about a filter: the share matching, the table's size,
 * the newest UTC posting day and how many listings a day are posted around it.
 */
interface Pilot { share: number; total: number; newestDay: string | null; perDay: number }
/** Which form answered a relevance window or facet count (reported to tests through `trace`). */
export type SearchForm = 'days' | 'plain' | 'walk';
/** A filter a newest-first walk can answer: a text query alone, or only filters the walk's index carries. */
type WalkShape = 'text' | 'covered';

function walkShape(filter: ListingFilter): WalkShape | null {
  if (filter.q !== undefined) return listingFilterConditions(filter).length === 2 ? 'text' : null;
  const split = splitCoveredFilter(filter);
  return split !== null && listingFilterConditions(split.rest).length === 1 ? 'covered' : null;
}

export interface SearchPage {
  items: ListingSummary[];
  next: SearchCursor | null;
}

export const FACETS = ['role', 'state', 'workMode', 'employmentType', 'credential'] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetCounts = Partial<Record<FacetName, { value: string; count: number }[]>>;

/** What each facet groups by; the array columns are unnested (one count per element). */
const FACET_VALUE: Record<FacetName, RawBuilder<string>> = {
  role: sql<string>`coalesce(role, 'unknown')`,
  state: sql<string>`unnest(regions)`,
  workMode: sql<string>`work_mode`,
  employmentType: sql<string>`employment_type`,
  credential: sql<string>`unnest(accepted_credentials)`,
};

const FACET_LIMIT = 60;
/** Relevance ranks this many newest matches; facets count this many newest matches. */
export const RELEVANCE_WINDOW = 1000;
export const FACET_WINDOW = 5000;
/**
 * Facets that must read table rows to find their matches (a text query) read at most this many,
 * newest first: a common word with a narrow filter would otherwise read 40,000 (400 ms at a
 * million listings). They then count the matches among those rows, which the result reports.
 */
export const FACET_READ_BUDGET = 10_000;
/** Below this many estimated matches the relevance window reads them all by bitmap, unsplit. */
const FEW_MATCHES = 2000;
/** Facets read FACET_WINDOW rows: below ~4 windows of matches the bitmap form still wins. */
const FEW_FACET_MATCHES = 20_000;
/** Newest open listings in which #walkPays counts a filter's matches. */
const PILOT = 2000;
/**
 * A text query's window may be read from the newest posting days expected to hold this many
 * times the window's matches (the pilot's share is a sample: at 20 hits its error is ~25%).
 */
const DAYS_MARGIN = 1.5;
/** At most this many posting days (one inverted-index lookup each, ~0.08 ms) per days-form read. */
const MAX_WINDOW_DAYS = 128;
/** What reading an index entry costs next to reading a row (measured: about 1/30). */
const WALK_ENTRY_SHARE = 1 / 30;

const SUMMARY_COLUMNS = [
  'id', 'sourceId', 'title', 'employer', 'role', 'workMode', 'employmentType', 'minEducation', 'requiredCredentials',
  'acceptedCredentials', 'salaryAnnualMin', 'salaryAnnualMax', 'region', 'regions', 'remoteRegions', 'federalSeries',
  'federalGradeLow', 'federalGradeHigh', 'postedAt', 'closesAt', 'status', 'clusterId',
] as const;

export class ListingSearchRepository {
  readonly #db: Kysely<DB>;
  readonly #fewMatches: number;
  readonly #fewFacetMatches: number;
  readonly #pilotSize: number;
  readonly #window: number;
  readonly #trace: (form: SearchForm) => void;

  /**
   * Options for tests: `fewMatches`: below this estimate the relevance and facet windows are read
   * unsplit; `pilotSize`: how many newest listings the pilot samples (0 turns the days form off);
   * `relevanceWindow`: how many newest matches relevance ranks; `trace`: told which form
   * answered each relevance window.
   */
  constructor(db: Kysely<DB>, options: { fewMatches?: number; pilotSize?: number; relevanceWindow?: number; trace?: (form: SearchForm) => void } = {}) {
    this.#db = db;
    this.#fewMatches = options.fewMatches ?? FEW_MATCHES;
    this.#fewFacetMatches = options.fewMatches ?? FEW_FACET_MATCHES;
    this.#pilotSize = options.pilotSize ?? PILOT;
    this.#window = options.relevanceWindow ?? RELEVANCE_WINDOW;
    this.#trace = options.trace ?? (() => {});
  }

  /**
   * One page in (sort key desc nulls last, id desc) order, keyset-paged: deep pages cost as
   * much as the first. Relevance ranks the RELEVANCE_WINDOW newest matches (ts_rank over a
   * broad term's half a million matches cannot answer in tens of milliseconds).
   */
  async search(filter: ListingFilter, sort: ListingSort, limit: number, after?: SearchCursor): Promise<SearchPage> {
    const rows = sort === 'relevance' ? await this.#relevancePage(filter, limit, after) : await this.#orderedPage(filter, sort, limit, after);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page.at(-1);
    const items = page.map(({ sortKey: _key, ...item }) => item);
    return { items, next: more && last ? { sort, value: last.sortKey, id: last.id } : null };
  }

  /**
   * Ids and sort keys first, columns after: the inner walk reads only what filters and orders,
   * so the planner can answer it index-only where an index carries those columns; the page's
   * own rows are read by id.
   */
  #orderedPage(filter: ListingFilter, sort: ListingSort, limit: number, after?: SearchCursor) {
    const key = sortExpression(sort, filter.q);
    const conditions = listingFilterConditions(filter);
    if (after) conditions.push(keysetAfter(key, after));
    const top = this.#db
      .selectFrom('listing')
      .select(['id', sql<unknown>`${key}`.as('k')])
      .where(whereAll(conditions))
      .orderBy(sql`${key} desc nulls last`)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    return this.#db
      .selectFrom(top.as('t'))
      .innerJoin('listing as l', 'l.id', 't.id')
      .select(SUMMARY_COLUMNS.map((c) => `l.${c}` as const))
      .select([sql<string | null>`l.data->'applyUrls'->>0`.as('applyUrl'), sql<string | null>`t.k::text`.as('sortKey')])
      .orderBy(sql`t.k desc nulls last`)
      .orderBy('t.id', 'desc')
      .execute();
  }

  async #relevancePage(filter: ListingFilter, limit: number, after?: SearchCursor) {
    const days = await this.#windowDays(filter, this.#window);
    if (days) {
      const { rows, matches } = await this.#rankedPage(filter, null, days, limit, after);
      // Fewer matches on those days than the window holds (the pilot guessed low): read it again whole.
      if (matches >= this.#window) {
        this.#trace('days');
        return rows;
      }
    }
    const split = await this.#narrowable(filter, this.#fewMatches);
    this.#trace(split ? 'walk' : 'plain');
    return (await this.#rankedPage(filter, split, undefined, limit, after)).rows;
  }

  /** The page of a relevance window (see #relevanceWindow): its rows ranked, after the cursor, and how many listings matched. */
  async #rankedPage(filter: ListingFilter, split: ReturnType<typeof splitCoveredFilter>, days: string[] | undefined, limit: number, after?: SearchCursor) {
    const rank = sql`w.rank`;
    let top = this.#db
      .selectFrom(this.#relevanceWindow(filter, split, days).as('w'))
      .select([...SUMMARY_COLUMNS.map((c) => `w.${c}` as const), 'w.rank', 'w.matches'])
      .orderBy(sql`${rank} desc`)
      .orderBy('w.id', 'desc')
      .limit(limit + 1);
    if (after) top = top.where(keysetAfter(rank, after, sql.ref('w.id')));
    // The apply link is read from the document of the page's rows only, not of the whole window
    // (reading a thousand documents was a fifth of a relevance query).
    const rows = await this.#db
      .selectFrom(top.as('t'))
      .innerJoin('listing as a', 'a.id', 't.id')
      .select([...SUMMARY_COLUMNS.map((c) => `t.${c}` as const), 't.matches', sql<string | null>`a.data->'applyUrls'->>0`.as('applyUrl'), sql<string | null>`t.rank::text`.as('sortKey')])
      .orderBy(sql`t.rank desc`)
      .orderBy('t.id', 'desc')
      .execute();
    return { rows: rows.map(({ matches: _m, ...row }) => row), matches: Number(rows[0]?.matches ?? 0) };
  }

  /**
   * The newest UTC posting days expected to hold `window` matches of a text query (with margin),
   * or null when another form serves better: no text, a distance filter (the newest-first walk
   * checks it index-only), too few listings to sample, no match among the newest, or matches
   * so rare that more than MAX_WINDOW_DAYS days would be needed (then few match at all).
   * listing_open_text_filters_idx intersects the words, the filters and those days inside the
   * index, so only the matching rows are read: "Epic" in Texas read 5,000 rows by the
   * newest-first walk for its 1,000 newest matches and reads ~1,400 this way.
   */
  async #windowDays(filter: ListingFilter, window: number): Promise<string[] | null> {
    if (!filter.q || filter.near || this.#pilotSize === 0) return null;
    const pilot = await this.#pilot(filter);
    if (!pilot || pilot.share === 0 || pilot.newestDay === null) return null;
    const count = Math.ceil((DAYS_MARGIN * window) / (pilot.share * pilot.perDay));
    if (count > MAX_WINDOW_DAYS) return null;
    const newest = Date.parse(`${pilot.newestDay}T00:00:00Z`);
    return Array.from({ length: count }, (_, i) => new Date(newest - i * 86_400_000).toISOString().slice(0, 10));
  }

  /**
   * The filter split for the narrow-index walk, or null when the planner expects few matches:
   * then intersecting the text and array indexes and sorting the few rows is faster than any
   * walk, and only the plain form lets Postgres intersect them (one extra planning round trip).
   */
  async #narrowable(filter: ListingFilter, fewMatches: number, counted?: () => Promise<number>) {
    const split = splitCoveredFilter(filter);
    if (!split) return null;
    // The pilot's count, when given, overrules an estimate too low (phrases, words that go together).
    if (counted && (await counted()) >= fewMatches) return split;
    const plan = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
      explain (format json) select 1 from listing where ${whereAll(listingFilterConditions(filter))}`.execute(this.#db);
    const estimate = plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? Infinity;
    return estimate < fewMatches ? null : split;
  }

  /**
   * The RELEVANCE_WINDOW newest matches with their rank (see splitCoveredFilter), and how many
   * listings match (on the given posting days, when given: see #windowDays).
   */
  #relevanceWindow(filter: ListingFilter, split: ReturnType<typeof splitCoveredFilter>, days?: string[]) {
    const rank = sql<number>`${sortExpression('relevance', filter.q)}`.as('rank');
    const matches = sql<number>`count(*) over ()`.as('matches');
    if (!split) {
      const conditions = listingFilterConditions(filter);
      if (days) conditions.push(sql<boolean>`(posted_at at time zone 'UTC')::date = any(${days}::date[])`);
      return this.#db
        .selectFrom('listing')
        .select(SUMMARY_COLUMNS)
        .select([rank, matches])
        .where(whereAll(conditions))
        .orderBy(sql`posted_at desc nulls last`)
        .orderBy('id', 'desc')
        .limit(this.#window);
    }
    return this.#db
      .selectFrom(this.#newestCovered(split.covered).as('c'))
      .innerJoin('listing', 'listing.id', 'c.cId')
      .select(SUMMARY_COLUMNS.map((c) => `listing.${c}` as const))
      .select([rank, sql<number>`0`.as('matches')])
      .where(whereAll(listingFilterConditions(split.rest)))
      .orderBy(sql`c.c_posted_at desc nulls last`)
      .orderBy('c.cId', 'desc')
      .limit(this.#window);
  }

  /** Ids of open listings passing the covered filters, for an index-only walk in posted order. */
  #newestCovered(covered: ListingFilter) {
    return this.#db.selectFrom('listing').select(['id as cId', 'postedAt as cPostedAt']).where(whereAll(listingFilterConditions(covered)));
  }

  /**
   * Counts per value of each facet over the FACET_WINDOW newest matches (exact whenever
   * fewer listings match, which the result says), one grouped pass for all facets.
   */
  async facets(filter: ListingFilter, names: readonly FacetName[]): Promise<{ counts: FacetCounts; scanned: number; capped: boolean }> {
    // Without a text query listing_open_posted_filters_idx answers the plain form index-only;
    // with one, the narrow walk pays only when the window is a small share of many matches.
    let pilot: Promise<Pilot | null> | null = null;
    const counted = () => (pilot ??= this.#pilot(filter));
    const split = filter.q ? await this.#narrowable(filter, this.#fewFacetMatches, async () => {
      const p = await counted();
      return p ? p.share * p.total : 0;
    }) : null;
    const shape = split ? null : walkShape(filter);
    const textOnly = shape === 'text';
    const walk = shape !== null && (await this.#walkPays(shape, FACET_WINDOW, counted));
    // A walk that reads table rows (to test text) reads at most FACET_READ_BUDGET of them.
    const budgeted = split !== null || (walk && textOnly);
    const read = split
      ? sql`select id as c_id, posted_at as c_posted_at from listing where ${whereAll(listingFilterConditions(split.covered))}
          order by posted_at desc nulls last, id desc limit ${FACET_READ_BUDGET}`
      : sql`select id as c_id, posted_at as c_posted_at from listing where status = 'open'
          order by posted_at desc nulls last, id desc limit ${FACET_READ_BUDGET}`;
    const rest = split ? split.rest : filter;
    const newest = budgeted
      ? sql`select l.role, l.regions, l.work_mode, l.employment_type, l.accepted_credentials
          from c join listing l on l.id = c.c_id where ${whereAll(listingFilterConditions(rest))}
          order by c.c_posted_at desc nulls last, c.c_id desc limit ${FACET_WINDOW}`
      : sql`select role, regions, work_mode, employment_type, accepted_credentials from listing
          where ${whereAll(listingFilterConditions(filter))} order by posted_at desc nulls last, id desc limit ${FACET_WINDOW}`;
    const parts = names.map((name) => sql`select ${name}::text as facet, ${FACET_VALUE[name]} as value from m`);
    const query = sql<{ facet: FacetName; value: string; count: number; scanned: number; read: number }>`
      with ${budgeted ? sql`c as materialized (${read}),` : sql``} m as materialized (${newest})
      select facet, value, count(*)::int as count, (select count(*)::int from m) as scanned,
        ${budgeted ? sql`(select count(*)::int from c)` : sql`0`} as read
      from (${sql.join(parts, sql` union all `)}) v group by facet, value order by facet, count desc, value`;
    const result = walk
      ? await this.#db.transaction().execute(async (trx) => {
        // Only the walk in posted order is left: no bitmap, and no other index plus a sort.
        await sql`set local enable_bitmapscan = off`.execute(trx);
        await sql`set local enable_sort = off`.execute(trx);
        return query.execute(trx);
      })
      : await query.execute(this.#db);
    const counts: FacetCounts = Object.fromEntries(names.map((n) => [n, []]));
    for (const row of result.rows) {
      const list = counts[row.facet];
      if (list && list.length < FACET_LIMIT) list.push({ value: row.value, count: row.count });
    }
    const scanned = result.rows[0]?.scanned ?? 0;
    const budgetSpent = (result.rows[0]?.read ?? 0) >= FACET_READ_BUDGET;
    return { counts, scanned, capped: scanned >= FACET_WINDOW || budgetSpent };
  }

  /**
   * Whether walking open listings newest first finds `window` matches sooner than reading every
   * match through a bitmap, for a filter of one of the walk shapes. With a share s of listings matching, the walk reads
   * window / s entries and the bitmap s * N rows: a text query's walk reads a row per entry
   * (walk when s * s * N > window), a covered filter's walk reads index entries only, some
   * WALK_ENTRY_SHARE of a row each. The share is counted among the PILOT newest open listings,
   * because the planner's estimates of a phrase, of several words that go together, or of a
   * latitude and longitude box can be ten times too low (it then reads every match through a
   * bitmap: 750 ms for a common phrase, 330 ms for the listings near a city, at a million).
   */
  async #walkPays(shape: WalkShape, window: number, counted: () => Promise<Pilot | null>): Promise<boolean> {
    const pilot = await counted();
    if (!pilot || pilot.share === 0) return false;
    return pilot.share * pilot.share * pilot.total * (shape === 'text' ? 1 : 1 / WALK_ENTRY_SHARE) > window;
  }

  /** What the PILOT newest open listings tell about an open-listing filter (see Pilot); null for other filters or too few listings. */
  async #pilot(filter: ListingFilter): Promise<Pilot | null> {
    if ((filter.status ?? 'open') !== 'open' || this.#pilotSize === 0) return null;
    const { rows } = await sql<{ hits: number; n: number; total: number; newestDay: string | null; dated: number; spanDays: number | null }>`
      select count(*) filter (where ${whereAll(listingFilterConditions(filter))})::int as hits, count(*)::int as n,
        (select greatest(reltuples, 0)::float8 from pg_class where oid = 'listing'::regclass) as total,
        to_char(max(posted_at) at time zone 'UTC', 'YYYY-MM-DD') as "newestDay", count(posted_at)::int as dated,
        extract(epoch from max(posted_at) - min(posted_at))::float8 / 86400 as "spanDays"
      from (select * from listing where status = 'open' order by posted_at desc nulls last, id desc limit ${this.#pilotSize}) newest`.execute(this.#db);
    const row = rows[0];
    if (!row || row.n < this.#pilotSize) return null;
    // A day at least: listings posted within the same hour say little about the days before.
    const perDay = row.dated / Math.max(1, row.spanDays ?? 0);
    return { share: row.hits / row.n, total: row.total, newestDay: row.newestDay, perDay };
  }

  /** How many listings match (for CSV headers and tests); counts the whole filtered set. */
  async count(filter: ListingFilter): Promise<number> {
    const row = await this.#db
      .selectFrom('listing')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(whereAll(listingFilterConditions(filter)))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Every listing of a duplicate cluster with its source and apply links, open first. */
  clusterMembers(clusterId: string): Promise<ClusterMember[]> {
    return this.#db
      .selectFrom('listing as l')
      .innerJoin('source as s', 's.id', 'l.sourceId')
      .select(['l.id', 'l.title', 'l.employer', 'l.status', 'l.sourceId', 's.name as sourceName', 'l.postedAt'])
      .select([sql<string | null>`l.data->>'sourceUrl'`.as('sourceUrl'), sql<string[]>`coalesce(array(select jsonb_array_elements_text(l.data->'applyUrls')), '{}')`.as('applyUrls')])
      .where('l.clusterId', '=', clusterId)
      .orderBy('l.status', 'desc')
      .orderBy('l.id')
      .limit(200)
      .execute();
  }
}

export interface ClusterMember {
  id: string;
  title: string;
  employer: string | null;
  status: 'open' | 'closed';
  sourceId: string;
  sourceName: string;
  postedAt: Date | null;
  sourceUrl: string | null;
  applyUrls: string[];
}
