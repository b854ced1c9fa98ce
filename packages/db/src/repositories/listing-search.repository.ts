import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema.generated.ts';
import { federalCovered, keysetAfter, listingFilterConditions, sortExpression, splitCoveredFilter, whereAll, type ListingFilter, type ListingSort, type SearchCursor } from './listing-search.ts';

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
  remoteExcludedRegions: string[];
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
/**
 * A filter a newest-first walk can answer: a text query alone, only filters the walk's index
 * carries, or a federal series or grade with filters the federal listings' index carries.
 */
type WalkShape = 'text' | 'covered' | 'federal';

function walkShape(filter: ListingFilter): WalkShape | null {
  if (filter.q !== undefined) return listingFilterConditions(filter).length === 2 ? 'text' : null;
  if (federalCovered(filter)) return 'federal';
  const split = splitCoveredFilter(filter);
  return split !== null && listingFilterConditions(split.rest).length === 1 ? 'covered' : null;
}

export interface SearchPage {
  items: ListingSummary[];
  next: SearchCursor | null;
}

export const FACETS = ['role', 'state', 'workMode', 'employmentType', 'credential', 'degree', 'pay', 'federalGrade'] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetCounts = Partial<Record<FacetName, { value: string; count: number }[]>>;

/** Annual pay bands of the pay facet: [label, lower bound], highest first; pay is the top of the range, as the pay filter reads it. */
export const PAY_BANDS = [['100k_plus', 100_000], ['80k_100k', 80_000], ['70k_80k', 70_000], ['60k_70k', 60_000], ['50k_60k', 50_000], ['40k_50k', 40_000], ['under_40k', 0]] as const;
const PAY = sql`coalesce(salary_annual_max, salary_annual_min)`;

/**
 * What each facet groups by; the array columns are unnested (one count per element), a federal
 * listing counts once per grade of its range, a listing without federal grades not at all.
 */
const FACET_VALUE: Record<FacetName, RawBuilder<string>> = {
  role: sql<string>`coalesce(role, 'unknown')`,
  state: sql<string>`unnest(regions)`,
  workMode: sql<string>`work_mode`,
  employmentType: sql<string>`employment_type`,
  credential: sql<string>`unnest(accepted_credentials)`,
  degree: sql<string>`min_education`,
  pay: sql<string>`case when ${PAY} is null then 'not_stated' ${sql.join(PAY_BANDS.map(([label, from]) => sql`when ${PAY} >= ${sql.lit(from)} then ${sql.lit(label)}`), sql` `)} end`,
  federalGrade: sql<string>`generate_series(federal_grade_low, coalesce(federal_grade_high, federal_grade_low))::text`,
};

/**
 * The columns each facet reads: only those of the asked facets are selected, so a walk over an
 * index carrying them stays index-only (the newest-first index carries none of pay or grades).
 */
const FACET_COLUMNS: Record<FacetName, readonly string[]> = {
  role: ['role'], state: ['regions'], workMode: ['work_mode'], employmentType: ['employment_type'], credential: ['accepted_credentials'],
  degree: ['min_education'], pay: ['salary_annual_min', 'salary_annual_max'], federalGrade: ['federal_grade_low', 'federal_grade_high'],
};

function facetColumns(names: readonly FacetName[], table?: string): RawBuilder<unknown> {
  const columns = [...new Set(names.flatMap((n) => FACET_COLUMNS[n]))];
  return sql.join(columns.map((c) => (table ? sql.ref(`${table}.${c}`) : sql.ref(c))));
}

const FACET_LIMIT = 60;
/** Relevance ranks this many newest matches. */
export const RELEVANCE_WINDOW = 1000;
/**
 * Facets count this many newest matches (the result says how many it counted and whether more
 * match). Counting a narrow filter's matches reads a table page each, mostly outside shared
 * buffers: 5,000 put the mixed load's p95 at 145-165 ms, 2,000 at 110-120 ms. A value's share
 * among 2,000 matches is within about 1.3 points of its share among all (two standard errors at 10%).
 */
export const FACET_WINDOW = 2000;
/**
 * Facets that must read table rows to find their matches (a text query) read at most this many,
 * newest first: a common word with a narrow filter would otherwise read 40,000 (400 ms at a
 * million listings). They then count the matches among those rows, which the result reports.
 */
export const FACET_READ_BUDGET = 10_000;
/** Below this many estimated matches the relevance window reads them all by bitmap, unsplit. */
const FEW_MATCHES = 2000;
/** Below this many estimated matches facets read them all by bitmap rather than walk newest first. */
const FEW_FACET_MATCHES = 20_000;
/** Newest open listings in which #walkPays counts a filter's matches. */
const PILOT = 2000;
/**
 * A text query's window may be read from the newest posting days expected to hold this many
 * times the window's matches (the pilot's share is a sample: at 20 hits its error is ~25%).
 */
const DAYS_MARGIN = 1.5;
/**
 * At most this many posting days per days-form read: beyond ~150 the planner stops looking the
 * days up in the index and filters every match of the words and filters by its day instead
 * (21,000 table pages for "release of information" in CA or NY).
 */
const MAX_WINDOW_DAYS = 128;
/**
 * Looking up one posting day in listing_open_text_filters_idx (~0.08 ms) costs about as much as
 * reading 27 matching rows by bitmap (~0.003 ms each), measured at a million listings.
 */
const DAY_COST_IN_ROWS = 27;
/** What reading an index entry costs next to reading a row (measured: about 1/30). */
const WALK_ENTRY_SHARE = 1 / 30;

const SUMMARY_COLUMNS = [
  'id', 'sourceId', 'title', 'employer', 'role', 'workMode', 'employmentType', 'minEducation', 'requiredCredentials',
  'acceptedCredentials', 'salaryAnnualMin', 'salaryAnnualMax', 'region', 'regions', 'remoteRegions', 'remoteExcludedRegions', 'federalSeries',
  'federalGradeLow', 'federalGradeHigh', 'postedAt', 'closesAt', 'status', 'clusterId',
] as const;

export class ListingSearchRepository {
  readonly #db: Kysely<DB>;
  readonly #fewMatches: number;
  readonly #fewFacetMatches: number;
  readonly #pilotSize: number;
  readonly #window: number;
  readonly #facetWindow: number;
  readonly #dayCost: number;
  readonly #trace: (form: SearchForm) => void;
  /** Pilots being counted, by filter. */
  readonly #pilots = new Map<string, Promise<Pilot | null>>();

  /**
   * Options for tests: `fewMatches`: below this estimate the relevance and facet windows are read
   * unsplit; `pilotSize`: how many newest listings the pilot samples (0 turns the days form off);
   * `relevanceWindow`, `facetWindow`: how many newest matches relevance ranks and facets count;
   * `dayCostInRows`: see DAY_COST_IN_ROWS; `trace`: told which form answered each relevance
   * window and facet count.
   */
  constructor(
    db: Kysely<DB>,
    options: {
      fewMatches?: number; pilotSize?: number; relevanceWindow?: number; facetWindow?: number; dayCostInRows?: number; trace?: (form: SearchForm) => void;
    } = {},
  ) {
    this.#db = db;
    this.#fewMatches = options.fewMatches ?? FEW_MATCHES;
    this.#fewFacetMatches = options.fewMatches ?? FEW_FACET_MATCHES;
    this.#pilotSize = options.pilotSize ?? PILOT;
    this.#window = options.relevanceWindow ?? RELEVANCE_WINDOW;
    this.#facetWindow = options.facetWindow ?? FACET_WINDOW;
    this.#dayCost = options.dayCostInRows ?? DAY_COST_IN_ROWS;
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
  async #orderedPage(filter: ListingFilter, sort: ListingSort, limit: number, after?: SearchCursor) {
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
    const page = (db: Kysely<DB>) => db
      .selectFrom(top.as('t'))
      .innerJoin('listing as l', 'l.id', 't.id')
      .select(SUMMARY_COLUMNS.map((c) => `l.${c}` as const))
      .select([sql<string | null>`l.data->'applyUrls'->>0`.as('applyUrl'), sql<string | null>`t.k::text`.as('sortKey')])
      .orderBy(sql`t.k desc nulls last`)
      .orderBy('t.id', 'desc');
    // Newest first under filters an index carries: the planner underestimates a place box with a
    // role (46 rows expected, 2,214 found near 10001) and reads every match by bitmap (50-240 ms)
    // where the walk finds a page in a few thousand index entries.
    const shape = sort === 'posted' && !after ? walkShape(filter) : null;
    if (shape === 'covered' || shape === 'federal') {
      if (await this.#walkPays(shape, limit + 1, () => this.#pilot(filter))) return this.#walking((db) => page(db).execute(), 'walk');
    }
    return page(this.#db).execute();
  }

  /** Runs `run` with only walks in index order left to the planner (no bitmap, no sort). */
  #walking<T>(run: (db: Kysely<DB>) => Promise<T>, form?: SearchForm): Promise<T> {
    if (form) this.#trace(form);
    return this.#db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      return run(trx);
    });
  }

  async #relevancePage(filter: ListingFilter, limit: number, after?: SearchCursor) {
    const days = await this.#windowDays(filter, this.#window, () => this.#pilot(filter));
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
   * The newest UTC posting days expected to hold `window` matches of a text query with filters
   * (with margin), or null when another form serves better: no text or no filter, a distance
   * filter (the newest-first walk checks it index-only), too few listings to sample, no match
   * among the newest, or so few matches in all that reading every one costs less than looking
   * up that many days (DAY_COST_IN_ROWS). listing_open_text_filters_idx intersects the words,
   * the filters and the days inside the index, so only matching rows are read: "Epic" in Texas
   * read 5,000 rows by the newest-first walk for its 1,000 newest matches and reads ~1,500 this way.
   */
  async #windowDays(filter: ListingFilter, window: number, counted: () => Promise<Pilot | null>): Promise<string[] | null> {
    // A text query alone: the walk newest first reads consecutive rows and stops at the window
    // (6-14 ms against 25-35 ms for the days form at a million listings).
    if (!filter.q || filter.near || walkShape(filter) === 'text' || this.#pilotSize === 0) return null;
    const pilot = await counted();
    if (!pilot || pilot.share === 0 || pilot.newestDay === null) return null;
    const wanted = DAYS_MARGIN * window;
    const count = Math.ceil(wanted / (pilot.share * pilot.perDay));
    const everyMatch = pilot.share * pilot.total;
    if (count > MAX_WINDOW_DAYS || count * this.#dayCost > everyMatch - wanted) return null;
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
    // Counting every match on the given days is cheap (they are all read to sort them); without days it would read them all.
    const matches = (days ? sql<number>`count(*) over ()` : sql<number>`0`).as('matches');
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
    if (names.length === 0) return { counts: {}, scanned: 0, capped: false };
    let pilot: Promise<Pilot | null> | null = null;
    const counted = () => (pilot ??= this.#pilot(filter));
    // A text query's newest matches, read from the newest posting days that hold them (see #windowDays).
    const days = await this.#windowDays(filter, this.#facetWindow, counted);
    if (days) {
      const conditions = [...listingFilterConditions(filter), sql<boolean>`(posted_at at time zone 'UTC')::date = any(${days}::date[])`];
      const result = await this.#countFacets(names, {
        newest: sql`select ${facetColumns(names)}, count(*) over () as matches from listing
          where ${whereAll(conditions)} order by posted_at desc nulls last, id desc limit ${this.#facetWindow}`,
      });
      if (result.matches >= this.#facetWindow) {
        this.#trace('days');
        return { counts: result.counts, scanned: result.scanned, capped: true };
      }
    }
    // Without a text query listing_open_posted_filters_idx answers the plain form index-only;
    // with one, the narrow walk pays only when the window is a small share of many matches.
    const split = filter.q ? await this.#narrowable(filter, this.#fewFacetMatches, async () => {
      const p = await counted();
      return p ? p.share * p.total : 0;
    }) : null;
    const shape = split ? null : walkShape(filter);
    const textOnly = shape === 'text';
    const walk = shape !== null && (await this.#walkPays(shape, this.#facetWindow, counted));
    this.#trace(split || walk ? 'walk' : 'plain');
    // A walk that reads table rows (to test text) reads at most FACET_READ_BUDGET of them: the
    // covered walk's ids (index-only) joined to their rows, or a text query's newest rows read
    // straight from the walk in posted order (joining 10,000 ids by the primary key cost 300 ms
    // against ~16 ms, the key being random uuids).
    const budgetedText = split === null && walk && textOnly;
    const read = split
      ? sql`select id as c_id, posted_at as c_posted_at from listing where ${whereAll(listingFilterConditions(split.covered))}
          order by posted_at desc nulls last, id desc limit ${FACET_READ_BUDGET}`
      : undefined;
    const newest = split
      ? sql`select ${facetColumns(names, 'l')}, 0 as matches
          from c join listing l on l.id = c.c_id where ${whereAll(listingFilterConditions(split.rest))}
          order by c.c_posted_at desc nulls last, c.c_id desc limit ${this.#facetWindow}`
      : budgetedText
        ? sql`select ${facetColumns(names)}, 0 as matches from (
            select * from listing where status = 'open' order by posted_at desc nulls last, id desc limit ${FACET_READ_BUDGET}) newest
          where ${whereAll(listingFilterConditions(filter))} order by posted_at desc nulls last, id desc limit ${this.#facetWindow}`
        : sql`select ${facetColumns(names)}, 0 as matches from listing
          where ${whereAll(listingFilterConditions(filter))} order by posted_at desc nulls last, id desc limit ${this.#facetWindow}`;
    const result = await this.#countFacets(names, { newest, read, walk });
    const windowFull = result.scanned >= this.#facetWindow;
    // The text walk stops early once the window is full; otherwise it read the budget, if there were that many.
    const budgetSpent = budgetedText ? !windowFull && (await this.#openAtLeast(FACET_READ_BUDGET)) : result.read >= FACET_READ_BUDGET;
    return { counts: result.counts, scanned: result.scanned, capped: windowFull || budgetSpent };
  }

  /** Whether at least n listings are open (an index-only count that stops at n). */
  async #openAtLeast(n: number): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select 1 from listing where status = 'open' limit ${n}) o`.execute(this.#db);
    return (rows[0]?.n ?? 0) >= n;
  }

  /**
   * Counts per facet value over `newest` (facet columns and `matches`), one grouped pass for all
   * facets; `read` (rows c_id, c_posted_at) is materialized first when `newest` joins it; `walk`
   * leaves the planner only the walk in posted order.
   */
  async #countFacets(names: readonly FacetName[], q: { newest: RawBuilder<unknown>; read?: RawBuilder<unknown>; walk?: boolean }) {
    const parts = names.map((name) => sql`select ${name}::text as facet, ${FACET_VALUE[name]} as value from m`);
    const query = sql<{ facet: FacetName; value: string; count: number; scanned: number; read: number; matches: number }>`
      with ${q.read ? sql`c as materialized (${q.read}),` : sql``} m as materialized (${q.newest})
      select facet, value, count(*)::int as count, (select count(*)::int from m) as scanned,
        ${q.read ? sql`(select count(*)::int from c)` : sql`0`} as read, (select max(matches)::int from m) as matches
      from (${sql.join(parts, sql` union all `)}) v group by facet, value order by facet, count desc, value`;
    // Only the walk in posted order is left: no bitmap, and no other index plus a sort.
    const result = q.walk ? await this.#walking((db) => query.execute(db)) : await query.execute(this.#db);
    const counts: FacetCounts = Object.fromEntries(names.map((n) => [n, []]));
    for (const row of result.rows) {
      const list = counts[row.facet];
      if (list && list.length < FACET_LIMIT) list.push({ value: row.value, count: row.count });
    }
    const first = result.rows[0];
    return { counts, scanned: first?.scanned ?? 0, read: first?.read ?? 0, matches: first?.matches ?? 0 };
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
    // Federal listings are a few percent of all: their own index is walked whole in milliseconds.
    if (shape === 'federal') return true;
    const pilot = await counted();
    if (!pilot || pilot.share === 0) return false;
    return pilot.share * pilot.share * pilot.total * (shape === 'text' ? 1 : 1 / WALK_ENTRY_SHARE) > window;
  }

  /** What the PILOT newest open listings tell about an open-listing filter (see Pilot); null for other filters or too few listings. */
  #pilot(filter: ListingFilter): Promise<Pilot | null> {
    // A page and its facets are asked for at once: the second caller shares the first's count.
    const key = JSON.stringify(filter);
    let pilot = this.#pilots.get(key);
    if (!pilot) {
      pilot = this.#countPilot(filter).finally(() => this.#pilots.delete(key));
      this.#pilots.set(key, pilot);
    }
    return pilot;
  }

  async #countPilot(filter: ListingFilter): Promise<Pilot | null> {
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
