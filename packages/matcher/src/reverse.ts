// Reverse matching: one new listing against many saved profiles. Cheap indexes drop the
// profiles that could not be eligible (out of reach, missing every credential of a required
// group, a role family they do not want) before the full evaluation.
import { ROLES } from '@himatch/core';
import type { CandidateProfile } from '@himatch/core';
import { makeContext } from './context.ts';
import { explain, judge, newVerdict } from './evaluate.ts';
import { prepareListing } from './prepare-listing.ts';
import type { ListingWithId, PreparedGroup } from './prepare-listing.ts';
import { ELIGIBLE, IN_PROGRESS, PARTIAL_HELD, prepareProfile } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { MatchOptions, MatchResult } from './types.ts';
import { haversineMiles } from './units.ts';

export interface IndexedProfile { candidateId: string; prepared: PreparedProfile }

export interface ProfileIndex {
  readonly entries: readonly IndexedProfile[];
  /** 1°×1° grid cell -> profiles whose home radius reaches into the cell. */
  readonly cells: ReadonlyMap<number, number[]>;
  /** Profiles whose radius covers too many cells to grid; always checked. */
  readonly wide: readonly number[];
  /** Home region -> profiles (for listings without coordinates). */
  readonly byRegion: ReadonlyMap<string, number[]>;
  /** Home region -> profiles without home coordinates (every site of their state is of unknown distance to them). */
  readonly unlocatedByRegion: ReadonlyMap<string, number[]>;
  /** Region -> profiles open to remote work ('' for profiles with no home region). */
  readonly remoteByRegion: ReadonlyMap<string, number[]>;
  /** Bit k set when the profile has any standing (held, partial, eligible, in progress) on credential k. */
  readonly credMask: Uint32Array;
  /** As credMask, counting only eligible-or-better standings, and only held (full or partial) ones. */
  readonly eligibleMask: Uint32Array;
  readonly heldMask: Uint32Array;
  /** Bit f set when the profile wants role family f (FAMILY_BITS); all bits when it names no role. */
  readonly familyMask: Uint32Array;
  /** [latRad, lonRad, cosLat, radiusMiles] per profile; NaN lat when no home coordinates. */
  readonly home: Float64Array;
  /** Generation stamps used to de-duplicate candidates without allocating per call. */
  readonly stamp: Uint32Array;
  generation: number;
}

const MILES_PER_DEGREE = 69;
const ALL_FAMILIES = 0xffffffff;
const FAMILY_BITS = new Map<string, number>([...new Set(Object.values(ROLES).map((r) => r.family))].map((f, i) => [f, 1 << i]));

function familyMaskOf(p: PreparedProfile): number {
  if (p.desiredFamilies.size === 0) return ALL_FAMILIES;
  let mask = 0;
  for (const f of p.desiredFamilies) mask |= FAMILY_BITS.get(f) ?? 0;
  return mask >>> 0;
}
const MAX_CELLS = 400;

function cellKey(latDeg: number, lonDeg: number): number {
  const lon = ((Math.floor(lonDeg) % 360) + 540) % 360;
  return (Math.floor(latDeg) + 90) * 360 + lon;
}

function push(map: Map<number | string, number[]>, key: number | string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Grid cells the candidate's radius circle touches, or null when that is too many to grid. */
function coveredCells(profile: CandidateProfile): number[] | null {
  const { lat, lon } = profile.home!;
  const dLat = profile.radiusMiles / MILES_PER_DEGREE;
  const dLon = profile.radiusMiles / (MILES_PER_DEGREE * Math.max(0.1, Math.cos((lat! * Math.PI) / 180)));
  const lat0 = Math.floor(lat! - dLat);
  const lat1 = Math.floor(lat! + dLat);
  const lon0 = Math.floor(lon! - dLon);
  const lon1 = Math.floor(lon! + dLon);
  if ((lat1 - lat0 + 1) * (lon1 - lon0 + 1) > MAX_CELLS) return null;
  const keys: number[] = [];
  for (let a = lat0; a <= lat1; a++) for (let o = lon0; o <= lon1; o++) keys.push(cellKey(a, o));
  return keys;
}

export function buildProfileIndex(profiles: readonly { candidateId: string; profile: CandidateProfile }[], opts: MatchOptions = {}): ProfileIndex {
  const cells = new Map<number, number[]>();
  const wide: number[] = [];
  const byRegion = new Map<string, number[]>();
  const unlocatedByRegion = new Map<string, number[]>();
  const remoteByRegion = new Map<string, number[]>();
  const entries = profiles.map(({ candidateId, profile }, i): IndexedProfile => {
    const prepared = prepareProfile(profile, opts);
    if (prepared.region) push(byRegion, prepared.region, i);
    if (profile.workModes.includes('remote')) push(remoteByRegion, prepared.region ?? '', i);
    if (prepared.hasHome) {
      const keys = coveredCells(profile);
      if (keys === null) wide.push(i);
      else for (const key of keys) push(cells, key, i);
    } else if (prepared.region) push(unlocatedByRegion, prepared.region, i);
    return { candidateId, prepared };
  });
  const maskAbove = (min: number) => Uint32Array.from(entries, (e) => e.prepared.standing.reduce((m, level, k) => (level >= min ? m | (1 << k) : m), 0) >>> 0);
  const credMask = maskAbove(IN_PROGRESS);
  const eligibleMask = maskAbove(ELIGIBLE);
  const heldMask = maskAbove(PARTIAL_HELD);
  const familyMask = Uint32Array.from(entries, (e) => familyMaskOf(e.prepared));
  const home = new Float64Array(entries.length * 4);
  entries.forEach((e, i) => {
    const p = e.prepared;
    home.set([p.hasHome ? p.homeLat : NaN, p.homeLon, p.homeCos, p.profile.radiusMiles], i * 4);
  });
  return { entries, cells, wide, byRegion, unlocatedByRegion, remoteByRegion, credMask, eligibleMask, heldMask, familyMask, home, stamp: new Uint32Array(entries.length), generation: 0 };
}

/**
 * Which standing a required group can accept (check-credentials statusFor): "within N months"
 * takes any standing, "or eligible" eligibility or better, otherwise only a held credential.
 */
export interface GroupGate { mask: number; kind: 0 | 1 | 2 }

function standingMask(index: ProfileIndex, i: number, kind: 0 | 1 | 2): number {
  return kind === 0 ? index.credMask[i]! : kind === 1 ? index.eligibleMask[i]! : index.heldMask[i]!;
}

/** Could the profile be anything but ineligible on credentials, and does it want this role family? */
function passesCheapGates(index: ProfileIndex, i: number, gates: readonly GroupGate[], familyBit: number): boolean {
  if ((index.familyMask[i]! & familyBit) === 0) return false;
  for (const gate of gates) if ((standingMask(index, i, gate.kind) & gate.mask) === 0) return false;
  return true;
}

/** Exact reach test on packed coordinates: an onsite profile out of radius of every site is ineligible. */
function withinReach(index: ProfileIndex, i: number, coords: Float64Array): boolean {
  const h = index.home;
  const lat = h[i * 4]!;
  if (Number.isNaN(lat) || coords.length === 0) return true;
  for (let k = 0; k < coords.length; k += 3) {
    if (haversineMiles(lat, h[i * 4 + 1]!, h[i * 4 + 2]!, coords[k]!, coords[k + 1]!, coords[k + 2]!) <= h[i * 4 + 3]!) return true;
  }
  return false;
}

function groupGate(g: PreparedGroup): GroupGate {
  let mask = 0;
  for (const k of g.ids) mask |= 1 << k;
  const kind = g.group.withinMonths !== null ? 0 : g.group.eligibleAccepted ? 1 : 2;
  return { mask: mask >>> 0, kind };
}

function placeCandidates(index: ProfileIndex, listing: ListingWithId): number[][] {
  if (listing.workMode === 'remote') {
    const regions = listing.remoteEligibleRegions.map((r) => r.toUpperCase());
    if (regions.length === 0 || regions.includes('US')) return [...index.remoteByRegion.values()];
    return [...regions, ''].map((r) => index.remoteByRegion.get(r) ?? []);
  }
  const lists: number[][] = [index.wide as number[]];
  for (const loc of listing.locations) {
    // Without coordinates on either side the place is unknown; alerts go only to profiles in the same state.
    if (loc.lat !== null && loc.lon !== null) {
      lists.push(index.cells.get(cellKey(loc.lat, loc.lon)) ?? []);
      if (loc.region) lists.push(index.unlocatedByRegion.get(loc.region.toUpperCase()) ?? []);
    } else if (loc.region) lists.push(index.byRegion.get(loc.region.toUpperCase()) ?? []);
  }
  return lists;
}

export function candidatesForListing(index: ProfileIndex, listing: ListingWithId): IndexedProfile[] {
  const prepared = prepareListing(listing);
  const gates = prepared.required.map(groupGate);
  const coords = prepared.isRemote ? new Float64Array(0) : prepared.coords;
  const familyBit = listing.role ? FAMILY_BITS.get(ROLES[listing.role].family)! : ALL_FAMILIES;
  const gen = ++index.generation;
  const out: IndexedProfile[] = [];
  for (const list of placeCandidates(index, listing)) {
    for (const i of list) {
      if (index.stamp[i] === gen) continue;
      index.stamp[i] = gen;
      if (passesCheapGates(index, i, gates, familyBit) && withinReach(index, i, coords)) out.push(index.entries[i]!);
    }
  }
  return out;
}

export interface ReverseOptions extends MatchOptions {
  /** Reuse an index built once over the same profiles (strongly advised for batches). */
  index?: ProfileIndex;
  /** Also return ineligible results of the pre-filtered candidates. */
  includeIneligible?: boolean;
}

export function matchListingAgainstProfiles(
  listing: ListingWithId,
  profiles: readonly { candidateId: string; profile: CandidateProfile }[],
  opts: ReverseOptions = {},
): { candidateId: string; result: MatchResult }[] {
  const index = opts.index ?? buildProfileIndex(profiles, opts);
  const ctx = makeContext(opts);
  const prepared = prepareListing(listing);
  const v = newVerdict();
  const out: { candidateId: string; result: MatchResult }[] = [];
  for (const entry of candidatesForListing(index, listing)) {
    judge(entry.prepared, prepared, ctx, null, v, !opts.includeIneligible);
    if (v.tier === 0 && !opts.includeIneligible) continue;
    out.push({ candidateId: entry.candidateId, result: explain(entry.prepared, prepared, ctx) });
  }
  return out.sort((a, b) => b.result.score - a.result.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
}
