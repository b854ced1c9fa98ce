import { sql, type Expression, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Listing, ListingSketch, PlausibleFilter } from '@himatch/core';
import type { DB } from '../schema.generated.ts';

export type { ListingSketch, PlausibleFilter };

type Row = { id: string; data: Listing };
type Box = NonNullable<PlausibleFilter['box']>;
/** A sketch as selected; the role is undefined where the query does not know it. */
type SketchRow = { id: string; role: string | null | undefined; postedAt: Date | null; remote: boolean; siteCount: number; lat: number | null; lon: number | null };
/** A sketch of a listing with sites: columns the cell index carries, so the read stays index-only. */
const SKETCH = ['id', 'role', 'postedAt', 'siteCount', 'lat', 'lon', sql<boolean>`false`.as('remote')] as const;
/** A listing as ranking reads it, with its id. */
export type PlausibleListing = Listing & { id: string };

/** The row's parsed document with the id set on it: no copy per listing (thousands per candidate). */
function withId(row: Row): PlausibleListing {
  const listing = row.data as PlausibleListing;
  listing.id = row.id;
  return listing;
}

/**
 * The listing as ranking reads it: the stored match document (plain json, a fraction of the
 * full document and far cheaper for Postgres to send than jsonb), else the full listing.
 */
const RANKED = sql<Listing>`coalesce(match_doc, data::json)`;

/** A site's half-degree cell, as listing_open_cell_idx keys it (migration 20261126001300). */
const CELL = sql`(floor(lat * 2)::int * 1000 + floor(lon * 2)::int)`;

/** Every half-degree cell a box touches (floor is monotonic, so a site in the box is in one of them). */
export function boxCells(box: { latMin: number; latMax: number; lonMin: number; lonMax: number }): number[] {
  const cells: number[] = [];
  for (let i = Math.floor(box.latMin * 2); i <= Math.floor(box.latMax * 2); i++) {
    for (let j = Math.floor(box.lonMin * 2); j <= Math.floor(box.lonMax * 2); j++) cells.push(i * 1000 + j);
  }
  return cells;
}

/**
 * Forward-matching pre-filter: three index-backed branches (partial indexes of migration
 * 20261125002000) instead of ranking every open listing. A listing is returned when it can
 * be anything but ineligible by place, role family and credentials; the matcher decides.
 */
export class PlausibleListingRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Each listing as ranking reads it (the match document where one is stored), with its id. */
  async forCandidate(f: PlausibleFilter): Promise<PlausibleListing[]> {
    const listings: PlausibleListing[] = [];
    await this.eachChunk(f, (chunk) => {
      for (const listing of chunk) listings.push(listing);
    });
    return listings;
  }

  /**
   * Every plausible listing as the indexes describe it, without its document: the id, role,
   * posting time and (for sites) the first site and the number of located sites. The matcher
   * bounds each listing's score from these and reads documents (`documents`) best bound first.
   * Same listings as `eachChunk`.
   */
  async sketches(f: PlausibleFilter): Promise<ListingSketch[]> {
    const parts: Promise<SketchRow[]>[] = [];
    if (f.box) {
      parts.push(this.#inBox(f, f.box).select(SKETCH).execute());
      parts.push(this.#sitesInBox(f, f.box).select(SKETCH).execute());
    }
    if (f.region) parts.push(this.#unlocated(f, f.region).select(SKETCH).execute());
    if (f.remote) parts.push(this.#remoteIds(f));
    const seen = new Set<string>();
    const out: ListingSketch[] = [];
    for (const rows of await Promise.all(parts)) {
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push({
          id: r.id, role: r.role, postedMs: r.postedAt ? r.postedAt.getTime() : Number.NaN, remote: r.remote,
          siteCount: r.siteCount, lat: r.lat, lon: r.lon,
        });
      }
    }
    return out;
  }

  /** The listings of these ids that are still open, as ranking reads them (see #documents). */
  async documents(ids: readonly string[]): Promise<PlausibleListing[]> {
    if (ids.length === 0) return [];
    const rows = await this.#documents(ids).where('status', '=', 'open').execute();
    return rows.map(withId);
  }

  /**
   * The same listings, handed over in chunks as they arrive: the radius box, the bulk of a
   * dense metro, is read through a cursor whose next chunk is asked for before this one is
   * handed over, so the caller ranks one chunk while Postgres produces the next. The other
   * branches arrive whole. `onChunk` runs synchronously, one chunk at a time.
   */
  async eachChunk(f: PlausibleFilter, onListings: (listings: PlausibleListing[]) => void, chunkSize = 1000): Promise<void> {
    // A listing whose first site has no coordinates but whose others do can come from two branches.
    const seen = new Set<string>();
    const onChunk = (rows: Row[]) => onListings(rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(withId));
    const parts: Promise<void>[] = [];
    if (f.box) {
      const b = f.box;
      // Ids first (index-only where the visibility map allows), then the kept listings' documents:
      // the gates leave out more than half of a dense metro's box, which no longer costs a row read each.
      const inBox = this.#inBox(f, b).select('id').union(this.#sitesInBox(f, b).select('id'));
      parts.push(inBox.execute().then((rows) => this.#streamed(this.#documents(rows.map((r) => r.id)), onChunk, chunkSize)));
    }
    if (f.region) {
      parts.push(this.#unlocated(f, f.region).select(['id', RANKED.as('data')]).execute().then(onChunk));
    }
    // Separate statements, run side by side: each keeps its own index plan (a UNION would plan them together).
    if (f.remote) parts.push(this.#remote(f).then(onChunk));
    await Promise.all(parts);
  }

  /** A query read through a cursor in chunks, the next fetch in flight while a chunk is handed over. */
  async #streamed(query: Expression<Row>, onChunk: (rows: Row[]) => void, chunkSize: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      // Planned for reading every row, as we do: for a cursor Postgres otherwise favours the plan
      // that starts soonest, which read the documents one random page at a time by the primary key.
      await sql`set local cursor_tuple_fraction = 1`.execute(trx);
      await sql`declare plausible no scroll cursor for ${query}`.execute(trx);
      const fetch = () => sql<Row>`fetch forward ${sql.lit(chunkSize)} from plausible`.execute(trx);
      let next = fetch();
      for (;;) {
        const { rows } = await next;
        const more = rows.length === chunkSize;
        if (more) {
          next = fetch();
          next.catch(() => {}); // awaited next turn; a throwing onChunk must not leave it unhandled
        }
        onChunk(rows);
        if (!more) break;
      }
    });
  }

  /**
   * The documents of the given listings, in table order: the ids arrive as one array, so
   * Postgres reads them by a bitmap, page after page, asking for the pages ahead while it works
   * (effective_io_concurrency, see createDb). Joined to an id walk instead, each document was a
   * random read on its own, most of a dense metro's fetch time when the pages were not in memory.
   */
  #documents(ids: readonly string[]) {
    return this.#db.selectFrom('listing').select(['id', RANKED.as('data')]).where('id', '=', sql<string>`any(${ids}::uuid[])`);
  }

  /**
   * Remote listings open to the home state, newest first, at most remoteLimit: one ordered
   * index scan per wanted role (a lateral join, so each stops early), merged and cut again.
   * The walks read only the remote indexes, which carry the id and both gates (index-only
   * where the visibility map allows); documents are read afterwards for the kept listings alone.
   * The role is known where a walk is by role; the walk over every role leaves it unknown.
   */
  async #remoteIds(f: PlausibleFilter): Promise<SketchRow[]> {
    const open = f.region ? [f.region, 'US'] : ['US'];
    const sketch = (rows: { id: string; role: string | null | undefined; postedAt: Date | null }[]): SketchRow[] =>
      rows.map((r) => ({ id: r.id, role: r.role, postedAt: r.postedAt, remote: true, siteCount: 0, lat: null, lon: null }));
    if (!f.roles) {
      // "= '{}'" rather than cardinality(): the planner estimates it from the column statistics,
      // sees that most of the newest rows pass and walks the posted_at index, stopping early,
      // instead of reading and sorting every remote listing (300 ms to 20 ms at a million).
      // Not in the per-role form below: there it would make the planner AND the role index with
      // a GIN bitmap over a quarter of the table.
      const credentials = f.credentials === null ? sql`true` : sql`(required_credentials = '{}'::text[] or required_credentials && ${f.credentials}::text[])`;
      const any = sql`status = 'open' and work_mode = 'remote' and ${credentials}
        and (remote_regions = '{}'::text[] or remote_regions && ${open}::text[])`;
      const newest = await sql<{ id: string; postedAt: Date | null }>`select id, posted_at as "postedAt" from listing where ${any}
        order by posted_at desc limit ${f.remoteLimit}`.execute(this.#db);
      return sketch(newest.rows.map((r) => ({ ...r, role: undefined })));
    }
    const credentials = f.credentials === null ? sql`true` : sql`(cardinality(required_credentials) = 0 or required_credentials && ${f.credentials}::text[])`;
    const gates = sql`status = 'open' and work_mode = 'remote' and ${credentials}
      and (cardinality(remote_regions) = 0 or remote_regions && ${open}::text[])`;
    // Ids first, documents last: each role's walk keeps up to remoteLimit rows, and reading
    // their documents before the merge cut them read one per row for up to roles x remoteLimit.
    const newest = await sql<{ id: string; role: string | null; postedAt: Date | null }>`select id, role, posted_at as "postedAt" from (
          select x.id, r.role, x.posted_at from unnest(${f.roles}::text[]) as r(role)
          cross join lateral (select id, posted_at from listing where role = r.role and ${gates} order by posted_at desc limit ${f.remoteLimit}) x
          union all
          (select id, null, posted_at from listing where role is null and ${gates} order by posted_at desc limit ${f.remoteLimit})
        ) merged order by posted_at desc nulls last limit ${f.remoteLimit}`.execute(this.#db);
    return sketch(newest.rows);
  }

  async #remote(f: PlausibleFilter): Promise<Row[]> {
    const ids = await this.#remoteIds(f);
    return this.#documents(ids.map((r) => r.id)).execute();
  }

  /**
   * Sites in the box by their first site, read by the box's half-degree cells
   * (listing_open_cell_idx, which carries the role and credential gates and the sketch: index-only
   * where the visibility map allows). The box test is written so no (lat, lon) index can take
   * it: the planner expects a handful of rows from a latitude and a longitude range and would
   * walk a whole latitude band instead.
   */
  #inBox(f: PlausibleFilter, b: Box) {
    return this.#gated(f, this.#db.selectFrom('listing').where('status', '=', 'open').where('workMode', '<>', 'remote')
      .where(sql<boolean>`${CELL} = any(${boxCells(b)}::int[])`)
      .where(sql<boolean>`(lat - ${b.latMin}) * (${b.latMax} - lat) >= 0 and (lon - ${b.lonMin}) * (${b.lonMax} - lon) >= 0`));
  }

  /**
   * Listings whose first site does not stand for all their located sites (several, or one that
   * is not the first) with a located site in a cell of the box (listing_open_sites_idx). The
   * exact distance to the nearest site is the matcher's.
   */
  #sitesInBox(f: PlausibleFilter, b: Box) {
    return this.#gated(f, this.#db.selectFrom('listing').where('status', '=', 'open').where('workMode', '<>', 'remote')
      .where(sql<boolean>`site_cells <> '{}'::int[]`).where(sql<boolean>`site_cells && ${boxCells(b)}::int[]`));
  }

  /**
   * Sites whose distance is unknown, so only the home state can be matched (any of the listing's
   * states): a first site without coordinates (listing_open_unlocated_regions_idx), and every
   * site for a candidate without coordinates of their own.
   */
  #unlocated(f: PlausibleFilter, region: string) {
    const q = this.#gated(f, this.#db.selectFrom('listing').where('status', '=', 'open').where('workMode', '<>', 'remote')
      .where(sql<boolean>`regions @> array[${region}]::text[]`));
    return f.box ? q.where('lat', 'is', null) : q;
  }

  /** The role-family and credential gates of every branch. */
  #gated<O>(f: PlausibleFilter, q: SelectQueryBuilder<DB, 'listing', O>): SelectQueryBuilder<DB, 'listing', O> {
    const roles = f.roles;
    if (roles) q = q.where((eb) => eb.or([eb('role', '=', sql<string>`any(${roles}::text[])`), eb('role', 'is', null)]));
    return credentialGate(q, f.credentials);
  }
}

/**
 * Necessary, not sufficient: every required group needs some standing, so at least one id must
 * match. Written with cardinality() so the planner filters rows the place/role index found
 * instead of intersecting with the GIN index over a quarter of the table.
 */
function credentialGate<O>(q: SelectQueryBuilder<DB, 'listing', O>, credentials: readonly string[] | null): SelectQueryBuilder<DB, 'listing', O> {
  if (credentials === null) return q;
  return q.where(sql<boolean>`(cardinality(required_credentials) = 0 or required_credentials && ${credentials}::text[])`);
}
