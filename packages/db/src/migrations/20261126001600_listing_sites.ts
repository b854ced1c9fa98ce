import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Sites beyond the first. The lat, lon and region columns hold a listing's first site, so the
// radius box missed a posting for several places whose first place lies outside it ("Boston or
// Worcester, MA" for a candidate near Worcester), and the home-state branch one whose first
// place is in another state. site_count counts the located sites; site_cells holds each
// located site's half-degree cell (the key of listing_open_cell_idx) whenever the first site
// does not stand for them all (several located sites, or one that is not the first), found
// by a small GIN index. Sites without coordinates are matched by every state of the listing
// (a GIN index of the unlocated ones' states replaces the (region, role) one). The cell index
// also carries the posting time and the site count: with the role, enough for the matcher to
// bound a listing's score before reading its document.

const CELL = (lat: string, lon: string) => `floor((${lat}) * 2)::int * 1000 + floor((${lon}) * 2)::int`;
const LAT = "(e->>'lat')::float8";
const LON = "(e->>'lon')::float8";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table listing add column site_count smallint not null default 0,
    add column site_cells int[] not null default '{}'::int[]`.execute(db);
  await sql.raw(`update listing l set site_count = s.n,
      site_cells = case when s.n > 1 or jsonb_typeof(l.data->'locations'->0->'lat') is distinct from 'number' then s.cells else '{}'::int[] end
    from (
      select x.id, count(*)::smallint as n, array_agg(distinct ${CELL(LAT, LON)} order by ${CELL(LAT, LON)}) as cells
      from listing x cross join lateral jsonb_array_elements(case when jsonb_typeof(x.data->'locations') = 'array' then x.data->'locations' else '[]'::jsonb end) e
      where jsonb_typeof(e->'lat') = 'number' and jsonb_typeof(e->'lon') = 'number'
      group by x.id
    ) s
    where s.id = l.id`).execute(db);
  await db.schema.dropIndex('listing_open_cell_idx').ifExists().execute();
  await sql.raw(`create index listing_open_cell_idx on listing ((${CELL('lat', 'lon')}), lat, lon)
    include (id, role, required_credentials, posted_at, site_count) where status = 'open' and work_mode <> 'remote'`).execute(db);
  await sql`create index listing_open_sites_idx on listing using gin (site_cells)
    where status = 'open' and work_mode <> 'remote' and site_cells <> '{}'::int[]`.execute(db);
  await sql`create index listing_open_unlocated_regions_idx on listing using gin (regions)
    where status = 'open' and work_mode <> 'remote' and lat is null`.execute(db);
  await db.schema.dropIndex('listing_open_unlocated_region_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists listing_open_unlocated_region_idx on listing (region, role) where status = 'open' and lat is null`.execute(db);
  await db.schema.dropIndex('listing_open_unlocated_regions_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_sites_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_cell_idx').ifExists().execute();
  await sql.raw(`create index listing_open_cell_idx on listing ((${CELL('lat', 'lon')}), lat, lon)
    include (id, role, required_credentials) where status = 'open' and work_mode <> 'remote'`).execute(db);
  await sql`alter table listing drop column site_cells, drop column site_count`.execute(db);
}
