import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_IDS, type Listing, type RoleId } from '@himatch/core';
import { createRepositories, type Repositories } from '@himatch/db';
import { gapAnalysis, gapFilter, plausibleFilter, rankBounded, rankListings, type ListingWithId } from '@himatch/matcher';
import { createTestDatabase, makeListing, makeProfile, type TestDatabase } from '@himatch/testing';

// The candidate-side pre-filter query must keep every listing full evaluation finds eligible
// or conditional (in a wanted role family; remote ones for remote-open candidates; sites
// without coordinates in the home state: the reach rules of reverse matching).

const NOW = new Date('2026-11-25T00:00:00Z');
const PLACES = [
  { city: 'Dallas', region: 'TX', lat: 32.78, lon: -96.8 }, { city: 'Fort Worth', region: 'TX', lat: 32.75, lon: -97.33 },
  { city: 'Austin', region: 'TX', lat: 30.27, lon: -97.74 }, { city: 'Tulsa', region: 'OK', lat: 36.15, lon: -95.99 },
];
const GROUPS: Listing['credentials']['required'][] = [
  [], [],
  [{ anyOf: ['RHIT', 'RHIA'], eligibleAccepted: true, withinMonths: null, evidence: null }],
  [{ anyOf: ['CCS'], eligibleAccepted: false, withinMonths: null, evidence: null }],
  [{ anyOf: ['CPC'], eligibleAccepted: false, withinMonths: 6, evidence: null }],
  [{ anyOf: ['RHIA'], eligibleAccepted: false, withinMonths: null, evidence: null }, { anyOf: ['CCS', 'CPC'], eligibleAccepted: false, withinMonths: null, evidence: null }],
];

let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function listingAt(i: number): Listing {
  const place = pick(PLACES);
  const kind = rand();
  const remote = kind < 0.2;
  const unlocated = !remote && kind < 0.3;
  const site = (at: (typeof PLACES)[number]) => ({ city: at.city, region: at.region, postalCode: null, country: 'US',
    lat: unlocated ? null : at.lat + (rand() - 0.5) * 0.6, lon: unlocated ? null : at.lon + (rand() - 0.5) * 0.6 });
  // Some postings name two places: the second may be the one within a candidate's reach.
  const locations = remote ? [] : !unlocated && kind > 0.8 ? [site(place), site(pick(PLACES))] : [site(place)];
  return makeListing({
    title: `Job ${i}`, fingerprint: `job-${i}`, postedAt: new Date(NOW.getTime() - i * 3_600_000).toISOString(), role: pick(ROLE_IDS), credentials: { required: pick(GROUPS), preferred: [] },
    education: { minLevel: pick(['none', 'associate', 'bachelor'] as const), fields: [], cahiimRequired: false, experienceSubstitutes: false },
    experience: { minYears: pick([null, 1, 3]), specialties: [] },
    workMode: remote ? 'remote' : 'onsite', remoteEligibleRegions: remote && rand() < 0.5 ? [pick(['TX', 'OK', 'CA'])] : [],
    locations,
  });
}

/** A home near one of the places; not located: a candidate without coordinates, in that place's state. */
function homeNear(located = true) {
  const place = pick(PLACES);
  const [lat, lon] = located ? [place.lat + (rand() - 0.5) * 0.4, place.lon + (rand() - 0.5) * 0.4] : [null, null];
  return { city: place.city, region: place.region, postalCode: null, lat, lon };
}
const someWorkModes = (): ('onsite' | 'remote')[] => (rand() < 0.5 ? ['onsite', 'remote'] : ['onsite']);

let database: TestDatabase;
let repos: Repositories;
const stored: ListingWithId[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  const { id: sourceId } = await repos.sources.create({ kind: 'rss', name: 'plausible-test' });
  for (let i = 0; i < 300; i++) {
    const data = listingAt(i);
    const { id } = await repos.listings.upsert({ sourceId, externalId: `x${i}`, rawPostingId: null, contentHash: `h${i}`, data, runId: null });
    stored.push({ ...data, id });
  }
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe('plausible listings pre-filter', () => {
  it('loses no listing a candidate is eligible or conditional for, and leaves most others out', async () => {
    let kept = 0;
    let plausible = 0;
    let chunks = 0;
    for (let c = 0; c < 40; c++) {
      const profile = makeProfile({
        home: homeNear(), radiusMiles: pick([10, 25, 60]), credentials: rand() < 0.8 ? [{ id: pick(['RHIT', 'RHIA', 'CCS', 'CPC', 'CPC-A', 'CCA']), status: pick(['active', 'active', 'eligible', 'in_progress'] as const) }] : [],
        desiredRoles: rand() < 0.7 ? [pick(ROLE_IDS)] : [], workModes: someWorkModes(),
        experience: [{ area: pick(['coding', 'records', 'him_technician']), years: pick([0, 2, 5]) }],
      });
      const families = new Set(profile.desiredRoles.map((r) => ROLES[r].family));
      const filter = plausibleFilter(profile, { now: NOW, remoteLimit: 10_000 });
      const ids = new Set((await repos.plausibleListings.forCandidate(filter)).map((r) => r.id));
      // Read in small chunks (the radius box through a cursor), the same listings arrive once each.
      const chunked: string[] = [];
      await repos.plausibleListings.eachChunk(filter, (rows) => {
        chunks += 1;
        chunked.push(...rows.map((l) => l.id));
      }, 5);
      expect(chunked).toHaveLength(ids.size);
      expect(new Set(chunked)).toEqual(ids);
      // The sketches are the same listings, each once.
      const sketches = await repos.plausibleListings.sketches(filter);
      expect(sketches).toHaveLength(ids.size);
      expect(new Set(sketches.map((s) => s.id))).toEqual(ids);
      const expected = rankListings(profile, stored, { now: NOW, limit: stored.length }).results.filter((r) => {
        const l = stored.find((s) => s.id === r.listingId)!;
        const wanted = families.size === 0 || l.role === null || families.has(ROLES[l.role].family);
        // As in reverse matching: a site without coordinates reaches only candidates of its state.
        const reach = l.workMode === 'remote' ? profile.workModes.includes('remote') : l.locations.some((s) => s.lat !== null || s.region === profile.home?.region);
        return r.eligibility !== 'ineligible' && wanted && reach;
      });
      for (const r of expected) expect(ids.has(r.listingId), `${r.listingId} (${r.eligibility}) for candidate ${c}`).toBe(true);
      kept += ids.size;
      plausible += expected.length;
    }
    expect(plausible).toBeGreaterThan(20);
    expect(stored.filter((l) => l.locations.length > 1 && l.locations[0]!.lat !== null).length).toBeGreaterThan(20);
    expect(chunks).toBeGreaterThan(40 * 3);
    expect(kept).toBeLessThan(40 * stored.length * 0.5);
  }, 120_000);

  it('ranks by score bounds the same page as ranking every plausible listing, reading fewer documents', async () => {
    let read = 0;
    let total = 0;
    for (let c = 0; c < 30; c++) {
      const profile = makeProfile({
        home: homeNear(), radiusMiles: pick([25, 60, 200]), credentials: [{ id: pick(['RHIT', 'RHIA', 'CCS', 'CPC']), status: 'active' }],
        desiredRoles: rand() < 0.5 ? [pick(ROLE_IDS)] : [], workModes: someWorkModes(),
      });
      const filter = plausibleFilter(profile, { now: NOW, remoteLimit: 10_000 });
      const everything = await repos.plausibleListings.forCandidate(filter);
      for (const [offset, limit] of [[0, 5], [5, 10]] as const) {
        const expected = rankListings(profile, everything, { now: NOW, offset, limit });
        const sketches = await repos.plausibleListings.sketches(filter);
        const bounded = await rankBounded(profile, sketches, (ids) => repos.plausibleListings.documents(ids), { now: NOW, offset, limit, batch: 8 });
        expect(bounded.results).toEqual(expected.results);
        expect(bounded.total).toBe(everything.length);
        read += bounded.read;
        total += everything.length;
      }
    }
    expect(total).toBeGreaterThan(1000);
    // Few listings here are eligible (strict credential groups), so the page's last score stays low; some are still skipped.
    expect(read).toBeLessThan(total);
  }, 120_000);

  it('hands gap analysis every listing it counts, and candidates without coordinates their state\'s', async () => {
    let steps = 0;
    let unlocatedKept = 0;
    for (let c = 0; c < 30; c++) {
      const located = c % 5 !== 0;
      const profile = makeProfile({
        home: homeNear(located), radiusMiles: pick([25, 60]), credentials: rand() < 0.6 ? [{ id: pick(['RHIT', 'CCA', 'CPC-A']), status: 'active' }] : [],
        education: [{ level: pick(['high_school', 'associate'] as const), field: 'hit', cahiimAccredited: true }],
        desiredRoles: rand() < 0.5 ? [pick(ROLE_IDS)] : [], workModes: someWorkModes(),
      });
      const found = await repos.plausibleListings.forCandidate(gapFilter(profile, { now: NOW }));
      const gaps = gapAnalysis(profile, found, { now: NOW });
      const all = gapAnalysis(profile, stored, { now: NOW });
      expect(gaps).toEqual(all);
      steps += gaps.length;
      // Forward ranking keeps every listing it finds eligible or conditional, located or not.
      if (!located) {
        const ids = new Set((await repos.plausibleListings.forCandidate(plausibleFilter(profile, { now: NOW, remoteLimit: 10_000 }))).map((l) => l.id));
        const reachable = rankListings(profile, stored, { now: NOW, limit: stored.length }).results.filter((r) => {
          const l = stored.find((s) => s.id === r.listingId)!;
          const wanted = profile.desiredRoles.length === 0 || l.role === null || profile.desiredRoles.some((d) => ROLES[d].family === ROLES[l.role!].family);
          const reach = l.workMode === 'remote' ? profile.workModes.includes('remote') : l.locations[0]?.region === profile.home?.region;
          return r.eligibility !== 'ineligible' && wanted && reach;
        });
        unlocatedKept += reachable.length;
        for (const r of reachable) expect(ids.has(r.listingId), r.listingId).toBe(true);
      }
    }
    expect(steps).toBeGreaterThan(10);
    expect(unlocatedKept).toBeGreaterThan(5);
  }, 120_000);

  it('cuts the remote branch to the newest remoteLimit listings, with and without wanted roles', async () => {
    for (const desiredRoles of [[], ['coder_outpatient', 'him_technician', 'roi_specialist']] as RoleId[][]) {
      const profile = makeProfile({
        home: { city: 'Dallas', region: 'TX', postalCode: null, lat: 32.78, lon: -96.8 }, radiusMiles: 5, workModes: ['remote'], desiredRoles,
        credentials: [{ id: 'RHIA', status: 'active' }, { id: 'CCS', status: 'active' }, { id: 'CPC', status: 'active' }],
      });
      const remoteOf = async (remoteLimit: number) =>
        (await repos.plausibleListings.forCandidate(plausibleFilter(profile, { now: NOW, remoteLimit }))).filter((l) => l.workMode === 'remote');
      const all = await remoteOf(10_000);
      expect(all.length).toBeGreaterThan(6);
      const newestFirst = [...all].sort((a, b) => Date.parse(b.postedAt!) - Date.parse(a.postedAt!));
      expect((await remoteOf(4)).map((l) => l.id)).toEqual(newestFirst.slice(0, 4).map((l) => l.id));
    }
  });
});
