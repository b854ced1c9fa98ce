import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@himatch/testing';
import { boxCells } from './plausible-listings.repository.ts';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); }, 120_000);
afterAll(() => t.drop());

describe('radius-box cells', () => {
  it('every site inside a box lies in one of the box cells, as Postgres computes the cell', async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const boxes = [
      { latMin: 32.4, latMax: 33.1, lonMin: -97.3, lonMax: -96.4 },
      // edges on half degrees, both hemispheres' signs, a box across the antimeridian's neighbour lines
      { latMin: 40.5, latMax: 41, lonMin: -74.5, lonMax: -73.5 },
      { latMin: -0.7, latMax: 0.6, lonMin: -0.4, lonMax: 0.9 },
      { latMin: 60.9, latMax: 61.6, lonMin: -150.4, lonMax: -149.2 },
    ];
    for (const box of boxes) {
      const cells = new Set(boxCells(box));
      const points = Array.from({ length: 200 }, () => [box.latMin + rand() * (box.latMax - box.latMin), box.lonMin + rand() * (box.lonMax - box.lonMin)] as const);
      points.push([box.latMin, box.lonMin], [box.latMax, box.lonMax], [box.latMin, box.lonMax], [box.latMax, box.lonMin]);
      const { rows } = await sql<{ cell: number }>`select (floor(lat * 2)::int * 1000 + floor(lon * 2)::int) as cell
        from unnest(${points.map((p) => p[0])}::float8[], ${points.map((p) => p[1])}::float8[]) as v(lat, lon)`.execute(t.db);
      expect(rows).toHaveLength(points.length);
      for (const { cell } of rows) expect(cells.has(cell)).toBe(true);
    }
    // A 25-mile box at 36°N touches a handful of cells, not the latitude band.
    expect(boxCells({ latMin: 35.83, latMax: 36.58, lonMin: -115.65, lonMax: -114.72 })).toHaveLength(9);
  }, 60_000);
});
