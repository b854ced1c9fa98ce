import { describe, expect, it } from 'vitest';
import type { ListingSketch } from '@himatch/core';
import { rankBounded, scoreBound } from './bounded.ts';
import { makeContext } from './context.ts';
import { judge, newVerdict } from './evaluate.ts';
import { prepareListing, type ListingWithId } from './prepare-listing.ts';
import { prepareProfile } from './prepare-profile.ts';
import { rankListings } from './rank.ts';
import { rng, syntheticListings, syntheticProfiles } from './synthetic.test-support.ts';

const NOW = new Date('2026-11-25T00:00:00Z');

/** What the pre-filter's indexes say of a listing (the projection's first site and located count). */
function sketchOf(l: ListingWithId, knownRole = true): ListingSketch {
  const located = l.locations.filter((s) => s.lat !== null && s.lon !== null);
  return {
    id: l.id, role: knownRole ? l.role : undefined, postedMs: l.postedAt ? Date.parse(l.postedAt) : Number.NaN, remote: l.workMode === 'remote',
    siteCount: located.length, lat: l.locations[0]?.lat ?? null, lon: l.locations[0]?.lon ?? null,
  };
}

/** Synthetic listings, one in five of the located ones with a second site somewhere else, some undated. */
function listings(n: number): ListingWithId[] {
  const r = rng(9);
  const all = syntheticListings(n, 3);
  return all.map((l, i) => {
    if (l.locations.length > 0 && r() < 0.2) {
      const other = all[(i * 7 + 1) % all.length]!.locations[0] ?? l.locations[0]!;
      return { ...l, locations: [l.locations[0]!, other] };
    }
    return r() < 0.03 ? { ...l, postedAt: null } : l;
  });
}

describe('scoreBound', () => {
  it('is never below the score, whatever the profile, listing, weights or site count', () => {
    const all = listings(1500);
    const weightings = [{}, { distance: 3, recency: 2 }, { role: 0, skills: 4 }, { pay: 0, employmentType: 0, workMode: 0, preferredCredentials: 0, skills: 0 }];
    let pairs = 0;
    let tight = 0;
    for (const weights of weightings) {
      const ctx = makeContext({ now: NOW, weights });
      for (const { profile } of syntheticProfiles(40, 4)) {
        const p = prepareProfile(profile, { now: NOW });
        const v = newVerdict();
        for (const l of all) {
          judge(p, prepareListing(l), ctx, null, v);
          const bound = scoreBound(p, sketchOf(l), ctx);
          expect(bound, `${l.id} for ${JSON.stringify(weights)}`).toBeGreaterThanOrEqual(v.score);
          expect(scoreBound(p, sketchOf(l, false), ctx)).toBeGreaterThanOrEqual(bound);
          pairs += 1;
          if (bound - v.score < 0.02) tight += 1;
        }
      }
    }
    // Not vacuous: some bounds are reached (eligible listings with every other part at its best).
    expect(tight).toBeGreaterThan(pairs * 0.01);
  });
});

describe('rankBounded', () => {
  const all = listings(3000);
  const byId = new Map(all.map((l) => [l.id, l]));

  it('returns rankListings\' page, reading documents only while they can reach it', async () => {
    let read = 0;
    let total = 0;
    for (const { profile } of syntheticProfiles(25, 8)) {
      for (const [offset, limit] of [[0, 50], [50, 25], [0, 1]] as const) {
        const expected = rankListings(profile, all, { now: NOW, offset, limit });
        const asked: string[][] = [];
        const got = await rankBounded(profile, all.map((l) => sketchOf(l)), async (ids) => {
          asked.push(ids);
          return ids.map((id) => byId.get(id)!);
        }, { now: NOW, offset, limit, batch: 200 });
        expect(got.results).toEqual(expected.results);
        expect(got.total).toBe(all.length);
        expect(got.nextCursor).toBe(expected.nextCursor);
        // No document is read twice; batches respect the size.
        const flat = asked.flat();
        expect(new Set(flat).size).toBe(flat.length);
        expect(Math.max(...asked.map((a) => a.length))).toBeLessThanOrEqual(200);
        read += got.read;
        total += all.length;
      }
    }
    expect(read).toBeLessThan(total * 0.6);
  });

  it('ranks what the reader returns: a listing closed since its sketch is left out', async () => {
    const { profile } = syntheticProfiles(1, 8)[0]!;
    const closed = new Set(rankListings(profile, all, { now: NOW, limit: 3 }).results.map((r) => r.listingId));
    const open = all.filter((l) => !closed.has(l.id));
    const got = await rankBounded(profile, all.map((l) => sketchOf(l)), async (ids) => ids.filter((id) => !closed.has(id)).map((id) => byId.get(id)!), { now: NOW, limit: 20 });
    expect(got.results).toEqual(rankListings(profile, open, { now: NOW, limit: 20 }).results);
  });

  it('reads nothing for an empty page and copes with no listings', async () => {
    const { profile } = syntheticProfiles(1, 8)[0]!;
    const reader = async (ids: string[]) => ids.map((id) => byId.get(id)!);
    expect((await rankBounded(profile, all.map((l) => sketchOf(l)), reader, { now: NOW, limit: 0 })).read).toBe(0);
    expect(await rankBounded(profile, [], reader, { now: NOW })).toEqual({ results: [], total: 0, nextCursor: null, read: 0 });
  });
});
