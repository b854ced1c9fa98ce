import { sql, type Kysely } from 'kysely';
import type { DB } from '@himatch/db';

// Bench data made in SQL (INSERT ... SELECT generate_series): a million listings in minutes,
// varied by a per-row hash so roles, credentials, pay, states and words spread realistically.

const ROLES = [
  ['him_technician', 'Health Information Technician'], ['him_clerk', 'Medical Records Clerk'], ['roi_specialist', 'Release of Information Specialist'],
  ['coder_outpatient', 'Outpatient Coder'], ['coder_inpatient', 'Inpatient Coder'], ['coder_profee', 'Professional Fee Coder'],
  ['coder_risk_adjustment', 'Risk Adjustment Coder'], ['cdi_specialist', 'Clinical Documentation Specialist'], ['cancer_registrar', 'Cancer Registrar'],
  ['health_data_analyst', 'Health Data Analyst'], ['him_manager', 'HIM Manager'], ['clinical_data_abstractor', 'Clinical Data Abstractor'],
] as const;
const CREDS = ['RHIT', 'RHIA', 'CCS', 'CPC', 'CCA', 'CRC', 'ODS-C', 'CDIP', 'CCDS', 'CHDA', 'COC', 'CPC-A'];
const STATES = ['TX', 'CA', 'FL', 'NY', 'PA', 'OH', 'IL', 'GA', 'NC', 'MI', 'WA', 'AZ', 'TN', 'MA', 'CO', 'MN', 'OR', 'VA', 'MO', 'WI'];
const COORDS: [number, number][] = [[32.78, -96.8], [34.05, -118.24], [25.76, -80.19], [40.71, -74.0], [39.95, -75.16], [39.96, -83.0], [41.88, -87.63], [33.75, -84.39],
  [35.23, -80.84], [42.33, -83.05], [47.61, -122.33], [33.45, -112.07], [36.16, -86.78], [42.36, -71.06], [39.74, -104.99], [44.98, -93.27],
  [45.52, -122.68], [37.54, -77.44], [38.63, -90.2], [43.07, -89.4]];
const EMPLOYERS = Array.from({ length: 400 }, (_, i) => `${['Riverside', 'Mercy', 'St. Luke', 'Baptist', 'Summit', 'Valley', 'Lakeside', 'Unity'][i % 8]} ${['Health', 'Medical Center', 'Hospital', 'Clinic', 'Health System'][i % 5]} ${i}`);
const PHRASES = [
  'Review and code inpatient records using ICD-10-CM and ICD-10-PCS', 'Assign CPT and HCPCS codes for outpatient encounters',
  'Maintain the master patient index and resolve duplicates', 'Process release of information requests under HIPAA',
  'Abstract cases for the tumor registry and follow oncology patients', 'Validate DRG assignment and query physicians',
  'Audit risk adjustment HCC documentation', 'Analyze quality data and build dashboards in SQL and Tableau',
  'Scan and index documents into the Epic electronic health record', 'Work in Cerner and Meditech systems',
  'Support telehealth documentation for pediatric clinics', 'Train staff on coding guidelines and compliance',
  'Manage the HIM department budget and productivity', 'Handle chart completion and deficiency tracking',
  'Collaborate with revenue cycle on denials and appeals', 'Behavioral health records experience preferred',
];

const arr = (values: readonly string[]) => sql`${sql.lit(`{${values.map((v) => `"${v}"`).join(',')}}`)}::text[]`;
const numArr = (values: readonly number[]) => sql`${sql.lit(`{${values.join(',')}}`)}::float8[]`;

/**
 * Rows [from, to) of a bench table of `total`; hashes of the row number pick every attribute.
 * Rows are written in the order they were posted (row i about (total - i) / total of a year
 * ago, within an hour), as a crawler writes listings as they appear: the table's physical
 * order follows posted_at, as it does in production, and newest-first walks read neighbouring
 * pages. (Seeds before the fourth session gave each row a random date: no such order.)
 */
export async function seedRange(db: Kysely<DB>, sourceId: string, from: number, to: number, total: number): Promise<void> {
  const roleIds = ROLES.map((r) => r[0]);
  const titles = ROLES.map((r) => r[1]);
  await sql`
    insert into listing (source_id, external_id, content_hash, data, title, employer, role, is_hit, work_mode, employment_type,
      min_education, required_credentials, accepted_credentials, salary_annual_min, salary_annual_max, region, regions,
      remote_regions, lat, lon, federal_series, federal_grade_low, federal_grade_high, posted_at, closes_at, status)
    select ${sourceId}::uuid, 'bench-' || i, md5(i::text),
      jsonb_build_object('descriptionText', descr, 'applyUrls', jsonb_build_array('https://jobs.example.org/bench/' || i || '/apply'), 'sourceUrl', 'https://jobs.example.org/bench/' || i),
      (case when h3 % 5 = 0 then 'Senior ' else '' end) || (${arr(titles)})[1 + r], (${arr(EMPLOYERS)})[1 + h4 % ${EMPLOYERS.length}],
      (${arr(roleIds)})[1 + r], true,
      (array['onsite','onsite','hybrid','remote','unknown'])[1 + h5 % 5],
      (array['full_time','full_time','full_time','part_time','per_diem','contract'])[1 + h6 % 6],
      (array['high_school','postsecondary_certificate','associate','associate','bachelor','unknown'])[1 + h7 % 6],
      req, req || pref,
      case when h8 % 4 = 0 then null else pay end, case when h8 % 4 = 0 then null else pay * (1.1 + (h8 % 30) / 100.0) end,
      st, array[st], case when h5 % 5 = 3 and h9 % 2 = 0 then array[st] else '{}'::text[] end,
      (${numArr(COORDS.map((c) => c[0]))})[1 + s] + (h9 % 100 - 50) / 100.0, (${numArr(COORDS.map((c) => c[1]))})[1 + s] + (h3 % 100 - 50) / 100.0,
      case when h4 % 50 = 0 then array['0675'] else '{}'::text[] end, case when h4 % 50 = 0 then 5 end, case when h4 % 50 = 0 then 7 end,
      timestamp with time zone '2026-11-20' - make_interval(secs => ((${total}::bigint - 1 - i) * ${365 * 86400} / ${total}::bigint) + h2 % 3600),
      case when h6 % 3 = 0 then timestamp with time zone '2026-12-01' + make_interval(days => h7 % 90) end,
      case when h9 % 20 = 0 then 'closed' else 'open' end
    from (
      select i, r, s, h2, h3, h4, h5, h6, h7, h8, h9,
        (${arr(STATES)})[1 + s] as st,
        40000 + (h2 % 50000) + r * 2000 as pay,
        case when h3 % 3 = 0 then '{}'::text[] else array[(${arr(CREDS)})[1 + (r + h3 % 3) % ${CREDS.length}]] end as req,
        case when h4 % 4 = 0 then array[(${arr(CREDS)})[1 + h5 % ${CREDS.length}]] else '{}'::text[] end as pref,
        (${arr(PHRASES)})[1 + h6 % ${PHRASES.length}] || '. ' || (${arr(PHRASES)})[1 + h7 % ${PHRASES.length}] || '. ' ||
          (${arr(PHRASES)})[1 + h8 % ${PHRASES.length}] || '. Requisition ' || i as descr
      from (
        select i, abs(hashint8(i)) % ${ROLES.length} as r, abs(hashint8(i + 1000000007)) % ${STATES.length} as s,
          abs(hashint8(i * 3)) as h2, abs(hashint8(i * 5 + 1)) as h3, abs(hashint8(i * 7 + 2)) as h4, abs(hashint8(i * 11 + 3)) as h5,
          abs(hashint8(i * 13 + 4)) as h6, abs(hashint8(i * 17 + 5)) as h7, abs(hashint8(i * 19 + 6)) as h8, abs(hashint8(i * 23 + 7)) as h9
        from generate_series(${from}::bigint, ${to - 1}::bigint) as i) hashed) rows`.execute(db);
}

/** Secondary indexes of listing (not the keys): dropped while seeding, rebuilt after (much faster). */
export async function listingIndexDefinitions(db: Kysely<DB>): Promise<{ name: string; definition: string }[]> {
  const result = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.tablename = 'listing' and i.schemaname = current_schema()
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  return result.rows;
}
