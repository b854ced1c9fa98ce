import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration takes Kysely<any>: it must not depend on today's schema types */

// Frozen: never import app code here.
// Sites beyond the first. The lat and lon columns hold a listing's first site, so the radius
// box missed a posting for several places whose first place lies outside it ("Boston or
// Worcester, MA" for a candidate near Worcester). site_count counts the located sites and
// site_cells holds the half-degree cell of each when there are several (the cell key of
// listing_open_cell_idx), found by a small GIN index. The cell index also carries the posting
// time and the site count: with the role, enough for the matcher to bound a listing's score
// before reading its document (one located site: its distance is the listing's).

const CELL = (lat: string, lon: string) => `floor((${lat}) * 2)::int * 1000 + floor((${lon}) * 2)::int`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table listing add column site_count smallint not null default 0,
    add column site_cells int[] not null default '{}'::int[]`.execute(db);
  await sql.raw(`update listing l set site_count = s.n, site_cells = case when s.n > 1 then s.cells else '{}'::int[] end
    from (
      select x.id, count(*)::smallint as n, array_agg(distinct ${CELL("(e->>'lat')::float8", "(e->>'lon')::float8")} order by ${CELL("(e->>'lat')::float8", "(e->>'lon')::float8")}) as cells
      from listing x cross join lateral jsonb_array_elements(case when jsonb_typeof(x.data->'locations') = 'array' then x.data->'locations' else '[]'::jsonb end) e
      where jsonb_typeof(e->'lat') = 'number' and jsonb_typeof(e->'lon') = 'number'
      group by x.id
    ) s
    where s.id = l.id`).execute(db);
  await db.schema.dropIndex('listing_open_cell_idx').ifExists().execute();
  await sql.raw(`create index listing_open_cell_idx on listing ((${CELL('lat', 'lon')}), lat, lon)
    include (id, role, required_credentials, posted_at, site_count) where status = 'open' and work_mode <> 'remote'`).execute(db);
  await sql`create index listing_open_sites_idx on listing using gin (site_cells)
    where status = 'open' and work_mode <> 'remote' and site_count > 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listing_open_sites_idx').ifExists().execute();
  await db.schema.dropIndex('listing_open_cell_idx').ifExists().execute();
  await sql.raw(`create index listing_open_cell_idx on listing ((${CELL('lat', 'lon')}), lat, lon)
    include (id, role, required_credentials) where status = 'open' and work_mode <> 'remote'`).execute(db);
  await sql`alter table listing drop column site_cells, drop column site_count`.execute(db);
}
