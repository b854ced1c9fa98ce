import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingSchema } from '@himatch/core';
import { createRepositories, projectListing } from '@himatch/db';
import { plausibleFilter, rankBounded, rankListings } from '@himatch/matcher';
import { createTestDatabase, type TestDatabase } from '@himatch/testing';
import { sql } from 'kysely';
import { benchProfiles, seedListings } from '../src/commands/bench-match-data.ts';

// The match bench's seed writes documents and their columns in one SQL statement, not through
// the normalizer's projection: its columns must say what the projection would, or the bench
// measures a pre-filter and score bounds that production data would not give.

let database: TestDatabase;
const NOW = new Date('2026-11-25T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('bench match seed', () => {
  it('writes the columns the projection derives from each document, and bounded ranking agrees with full ranking on it', async () => {
    const repos = createRepositories(database.db);
    const { id: sourceId } = await repos.sources.create({ kind: 'rss', name: 'bench-seed-test' });
    await seedListings(database.db, sourceId, 3000);
    const rows = (await sql<{ data: unknown; lat: number | null; lon: number | null; siteCount: number; siteCells: number[]; role: string | null; postedAt: Date | null; requiredCredentials: string[] }>`
      select data, lat, lon, site_count as "siteCount", site_cells as "siteCells", role, posted_at as "postedAt", required_credentials as "requiredCredentials" from listing`.execute(database.db)).rows;
    expect(rows).toHaveLength(3000);
    for (const row of rows) {
      const p = projectListing(listingSchema.parse(row.data));
      expect({ lat: row.lat, lon: row.lon, siteCount: row.siteCount, siteCells: row.siteCells, role: row.role, postedAt: row.postedAt, requiredCredentials: row.requiredCredentials })
        .toEqual({ lat: p.lat, lon: p.lon, siteCount: p.siteCount, siteCells: p.siteCells, role: p.role, postedAt: p.postedAt, requiredCredentials: p.requiredCredentials });
    }
    expect(rows.filter((r) => r.siteCount > 1).length).toBeGreaterThan(30);
    for (const { profile } of benchProfiles(8, 7)) {
      const filter = plausibleFilter(profile, { now: NOW });
      const all = await repos.plausibleListings.forCandidate(filter);
      const bounded = await rankBounded(profile, await repos.plausibleListings.sketches(filter), (ids) => repos.plausibleListings.documents(ids), { now: NOW, limit: 20 });
      expect(bounded.results).toEqual(rankListings(profile, all, { now: NOW, limit: 20 }).results);
    }
  }, 120_000);
});
