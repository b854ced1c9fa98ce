// Data of `himatch bench match`: a million listings seeded in one INSERT ... SELECT
// generate_series (the jsonb document and its projected columns built from the same random
// draws), and deterministic candidate profiles in the same metros.
import { sql, type Kysely } from 'kysely';
import { CREDENTIAL_IDS, ROLE_IDS, candidateProfileSchema, type CandidateProfile, type Listing } from '@himatch/core';
import { matchDocument } from '@himatch/matcher';
import type { DB } from '@himatch/db';

/** [city, state, lat, lon]: listings and profiles are spread around these (± ~0.35°). */
export const METROS: readonly (readonly [string, string, number, number])[] = [
  ['New York', 'NY', 40.71, -74.0], ['Los Angeles', 'CA', 34.05, -118.24], ['Chicago', 'IL', 41.88, -87.63], ['Houston', 'TX', 29.76, -95.37],
  ['Phoenix', 'AZ', 33.45, -112.07], ['Philadelphia', 'PA', 39.95, -75.17], ['San Antonio', 'TX', 29.42, -98.49], ['San Diego', 'CA', 32.72, -117.16],
  ['Dallas', 'TX', 32.78, -96.8], ['Austin', 'TX', 30.27, -97.74], ['Jacksonville', 'FL', 30.33, -81.66], ['Columbus', 'OH', 39.96, -83.0],
  ['Charlotte', 'NC', 35.23, -80.84], ['Indianapolis', 'IN', 39.77, -86.16], ['San Francisco', 'CA', 37.77, -122.42], ['Seattle', 'WA', 47.61, -122.33],
  ['Denver', 'CO', 39.74, -104.99], ['Nashville', 'TN', 36.16, -86.78], ['Oklahoma City', 'OK', 35.47, -97.52], ['Boston', 'MA', 42.36, -71.06],
  ['Portland', 'OR', 45.52, -122.68], ['Las Vegas', 'NV', 36.17, -115.14], ['Detroit', 'MI', 42.33, -83.05], ['Memphis', 'TN', 35.15, -90.05],
  ['Louisville', 'KY', 38.25, -85.76], ['Baltimore', 'MD', 39.29, -76.61], ['Milwaukee', 'WI', 43.04, -87.91], ['Albuquerque', 'NM', 35.08, -106.65],
  ['Tucson', 'AZ', 32.22, -110.97], ['Fresno', 'CA', 36.74, -119.79], ['Sacramento', 'CA', 38.58, -121.49], ['Kansas City', 'MO', 39.1, -94.58],
  ['Atlanta', 'GA', 33.75, -84.39], ['Omaha', 'NE', 41.26, -95.94], ['Raleigh', 'NC', 35.78, -78.64], ['Miami', 'FL', 25.76, -80.19],
  ['Minneapolis', 'MN', 44.98, -93.27], ['Tulsa', 'OK', 36.15, -95.99], ['Cleveland', 'OH', 41.5, -81.69], ['New Orleans', 'LA', 29.95, -90.07],
  ['Tampa', 'FL', 27.95, -82.46], ['Pittsburgh', 'PA', 40.44, -79.99], ['Cincinnati', 'OH', 39.1, -84.51], ['St. Louis', 'MO', 38.63, -90.2],
  ['Orlando', 'FL', 28.54, -81.38], ['Salt Lake City', 'UT', 40.76, -111.89], ['Richmond', 'VA', 37.54, -77.44], ['Birmingham', 'AL', 33.52, -86.81],
  ['Boise', 'ID', 43.62, -116.2], ['Des Moines', 'IA', 41.59, -93.62], ['Little Rock', 'AR', 34.75, -92.29], ['Jackson', 'MS', 32.3, -90.18],
  ['Charleston', 'SC', 32.78, -79.93], ['Spokane', 'WA', 47.66, -117.43], ['Madison', 'WI', 43.07, -89.4], ['Buffalo', 'NY', 42.89, -78.88],
  ['Hartford', 'CT', 41.76, -72.69], ['Providence', 'RI', 41.82, -71.41], ['Anchorage', 'AK', 61.22, -149.9], ['Honolulu', 'HI', 21.31, -157.86],
];

/** Required credential groups (jsonb) and the flattened ids, weighted by repetition. */
const GROUPS: readonly { groups: unknown[]; ids: string[] }[] = [
  { groups: [], ids: [] }, { groups: [], ids: [] }, { groups: [], ids: [] },
  { groups: [{ anyOf: ['RHIT', 'RHIA'], eligibleAccepted: true, withinMonths: null, evidence: 'RHIT or RHIA (or eligible)' }], ids: ['RHIA', 'RHIT'] },
  { groups: [{ anyOf: ['RHIT', 'RHIA'], eligibleAccepted: false, withinMonths: null, evidence: 'RHIT or RHIA required' }], ids: ['RHIA', 'RHIT'] },
  { groups: [{ anyOf: ['CCS'], eligibleAccepted: false, withinMonths: null, evidence: 'CCS required' }], ids: ['CCS'] },
  { groups: [{ anyOf: ['CPC', 'CCS', 'CCS-P'], eligibleAccepted: false, withinMonths: null, evidence: 'CPC, CCS or CCS-P' }], ids: ['CCS', 'CCS-P', 'CPC'] },
  { groups: [{ anyOf: ['CPC'], eligibleAccepted: false, withinMonths: 6, evidence: 'CPC within 6 months of hire' }], ids: ['CPC'] },
  { groups: [{ anyOf: ['RHIA'], eligibleAccepted: false, withinMonths: null, evidence: 'RHIA required' }], ids: ['RHIA'] },
  { groups: [{ anyOf: ['CCA', 'CCS', 'CPC', 'COC', 'CIC'], eligibleAccepted: false, withinMonths: null, evidence: 'coding credential' }], ids: ['CCA', 'CCS', 'CIC', 'COC', 'CPC'] },
  { groups: [{ anyOf: ['ODS-C'], eligibleAccepted: false, withinMonths: 12, evidence: 'ODS-C within 12 months' }], ids: ['ODS-C'] },
  { groups: [{ anyOf: ['CDIP', 'CCDS'], eligibleAccepted: false, withinMonths: null, evidence: 'CDIP or CCDS' }], ids: ['CCDS', 'CDIP'] },
  { groups: [{ anyOf: ['CRC'], eligibleAccepted: false, withinMonths: null, evidence: 'CRC required' }], ids: ['CRC'] },
];

const DESCRIPTION = 'Maintains complete, accurate and confidential health records; abstracts and codes diagnoses and procedures; '
  + 'answers release-of-information requests; works with providers on documentation; meets productivity and quality standards. ';
/** What matchDocument keeps of that text. */
const GUARD_WORDS = matchDocument({ descriptionText: DESCRIPTION } as Listing).descriptionText;

/** Seeds `count` open listings for `sourceId` (about 15 s per million on this machine). */
export async function seedListings(db: Kysely<DB>, sourceId: string, count: number): Promise<void> {
  const metros = JSON.stringify(METROS);
  const groups = JSON.stringify(GROUPS);
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    with metro as (select ordinality - 1 as k, m from jsonb_array_elements(${metros}::jsonb) with ordinality as t(m, ordinality)),
    grp as (select ordinality - 1 as k, g from jsonb_array_elements(${groups}::jsonb) with ordinality as t(g, ordinality)),
    draw as (
      select i, floor(random() * ${METROS.length}::int)::int as mk, floor(random() * ${GROUPS.length}::int)::int as gk,
        (${ROLE_IDS}::text[])[1 + floor(random() * ${ROLE_IDS.length}::int)::int] as role,
        random() < 0.15 as remote, random() as rr, random() as dlat, random() as dlon, random() as pay, random() as pz,
        (array['none', 'high_school', 'associate', 'associate', 'bachelor', 'unknown'])[1 + floor(random() * 6)::int] as edu,
        (array['full_time', 'full_time', 'part_time', 'per_diem', 'contract'])[1 + floor(random() * 5)::int] as et,
        case when random() < 0.5 then floor(random() * 5)::int else null end as years,
        (${CREDENTIAL_IDS}::text[])[1 + floor(random() * ${CREDENTIAL_IDS.length}::int)::int] as pref,
        date_trunc('second', timestamptz '2026-11-25' - (random() * 60) * interval '1 day') as posted
      from generate_series(1, ${count}::int) as i
    ),
    placed as (
      select d.*, m.m->>0 as city, m.m->>1 as region, (m.m->>2)::float8 + (d.dlat - 0.5) * 0.7 as lat, (m.m->>3)::float8 + (d.dlon - 0.5) * 0.7 as lon,
        g.g->'groups' as req, array(select jsonb_array_elements_text(g.g->'ids')) as req_ids,
        case when d.pay < 0.7 then round((38000 + d.pz * 40000)::numeric, 0) end as pmin,
        case when d.remote then case when d.rr < 0.5 then jsonb_build_array(m.m->>1) else '[]'::jsonb end end as remote_regions,
        -- One site listing in 33 has a second site across the metro (a posting for two places).
        not d.remote and d.i % 33 = 0 as multi,
        (m.m->>2)::float8 + (0.5 - d.dlat) * 0.7 as lat2, (m.m->>3)::float8 + (0.5 - d.dlon) * 0.7 as lon2
      from draw d join metro m on m.k = d.mk join grp g on g.k = d.gk
    ),
    shaped as materialized (
      select * from placed
      -- Physical layout: rows of one 1° place cell and role together (remote: by role, newest
      -- first), the layout the pre-filter reads; production keeps it with a periodic CLUSTER.
      order by remote, case when remote then null else floor(lat) end, case when remote then null else floor(lon) end, role, posted desc
    )
    insert into listing (source_id, external_id, content_hash, data, match_doc, title, employer, role, is_hit, work_mode, employment_type, min_education,
      required_credentials, accepted_credentials, salary_annual_min, salary_annual_max, region, regions, remote_regions, lat, lon, site_count, site_cells, posted_at, status)
    select ${sourceId}::uuid, 'bench-' || i, md5(i::text), doc.d,
      -- The match document of the normalizer's matchDocument: no HTML, no reasons, the text cut to its guard words.
      (doc.d || jsonb_build_object('descriptionHtml', '', 'relevanceReasons', '[]'::jsonb, 'descriptionText', ${GUARD_WORDS}::text))::json,
      initcap(replace(role, '_', ' ')) || ' ' || i, city || ' Health ' || (i % 97), role, true,
      case when remote then 'remote' when rr < 0.2 then 'hybrid' else 'onsite' end, et, edu,
      req_ids, req_ids || case when pz < 0.5 then array[pref] else array[]::text[] end, pmin, pmin + 12000,
      case when remote then null else region end, case when remote then array[]::text[] else array[region] end,
      coalesce(array(select jsonb_array_elements_text(remote_regions)), array[]::text[]),
      case when remote then null else lat end, case when remote then null else lon end,
      case when remote then 0 when multi then 2 else 1 end,
      case when multi then array(select distinct c from unnest(array[floor(lat * 2)::int * 1000 + floor(lon * 2)::int,
        floor(lat2 * 2)::int * 1000 + floor(lon2 * 2)::int]) as c order by c) else array[]::int[] end,
      posted, 'open'
    from shaped cross join lateral (select jsonb_build_object(
        'isHit', true, 'relevanceReasons', '[]'::jsonb, 'role', role, 'roleConfidence', 0.8, 'socCode', null,
        'title', initcap(replace(role, '_', ' ')) || ' ' || i, 'employer', city || ' Health ' || (i % 97), 'sourceUrl', 'https://bench.example/jobs/' || i,
        'applyUrls', '[]'::jsonb, 'postedAt', to_char(posted at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'closesAt', null,
        'credentials', jsonb_build_object('required', req, 'preferred',
          case when pz < 0.5 then jsonb_build_array(jsonb_build_object('anyOf', jsonb_build_array(pref), 'eligibleAccepted', false, 'withinMonths', null, 'evidence', null)) else '[]'::jsonb end),
        'education', jsonb_build_object('minLevel', edu, 'fields', '[]'::jsonb, 'cahiimRequired', false, 'experienceSubstitutes', rr < 0.3),
        'experience', jsonb_build_object('minYears', years, 'specialties', '[]'::jsonb),
        'salary', case when pmin is null then null else jsonb_build_object('min', pmin, 'max', pmin + 12000, 'currency', 'USD', 'period', 'year',
          'annualMin', pmin, 'annualMax', pmin + 12000, 'provenance', 'structured') end,
        'locations', case when remote then '[]'::jsonb
          when multi then jsonb_build_array(jsonb_build_object('city', city, 'region', region, 'postalCode', null, 'country', 'US', 'lat', lat, 'lon', lon),
            jsonb_build_object('city', city, 'region', region, 'postalCode', null, 'country', 'US', 'lat', lat2, 'lon', lon2))
          else jsonb_build_array(jsonb_build_object('city', city, 'region', region, 'postalCode', null, 'country', 'US', 'lat', lat, 'lon', lon)) end,
        'workMode', case when remote then 'remote' when rr < 0.2 then 'hybrid' else 'onsite' end,
        'remoteEligibleRegions', coalesce(remote_regions, '[]'::jsonb), 'employmentType', et, 'shift', null, 'setting', 'hospital', 'federal', null,
        'skills', case when dlat < 0.5 then '["ICD-10-CM","Epic"]'::jsonb else '["Cerner"]'::jsonb end,
        'descriptionText', ${DESCRIPTION}::text, 'descriptionHtml', '<p>' || ${DESCRIPTION}::text || '</p>', 'fingerprint', 'bench-' || i, 'requisitionId', null) as d) doc`.execute(db);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HELD = ['RHIT', 'RHIA', 'CCS', 'CPC', 'CPC-A', 'CCA', 'COC', 'CRC', 'ODS-C', 'CDIP'] as const;
const AREAS = ['coding', 'coder_inpatient', 'coder_profee', 'records', 'him_technician', 'roi_specialist'] as const;

/** Deterministic candidate profiles around the same metros (most name one or two wanted roles). */
export function benchProfiles(n: number, seed: number): { candidateId: string; profile: CandidateProfile }[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const [city, region, lat, lon] = pick(METROS);
    const roles = r() < 0.85 ? [pick(ROLE_IDS), ...(r() < 0.4 ? [pick(ROLE_IDS)] : [])] : [];
    const profile = candidateProfileSchema.parse({
      education: [{ level: pick(['high_school', 'associate', 'bachelor'] as const), field: pick(['hit', 'him', 'other'] as const), cahiimAccredited: r() < 0.5 }],
      credentials: r() < 0.75 ? [{ id: pick(HELD) }] : [],
      experience: [{ area: pick(AREAS), years: Math.floor(r() * 9) }],
      home: { city, region, postalCode: null, lat: lat + (r() - 0.5) * 0.7, lon: lon + (r() - 0.5) * 0.7 },
      radiusMiles: pick([15, 25, 25, 50]),
      workModes: r() < 0.6 ? ['onsite', 'hybrid', 'remote'] : ['onsite', 'hybrid'],
      desiredRoles: roles,
      alertThreshold: pick([0.6, 0.6, 0.7, 0.8]),
    });
    return { candidateId: `C${String(i).padStart(6, '0')}`, profile };
  });
}
