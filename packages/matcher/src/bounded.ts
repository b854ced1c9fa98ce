// Forward ranking that reads only the documents that can still reach the page. Each plausible
// listing's score is bounded from what the pre-filter's index already says (role, posting
// time, the one site's distance); documents are read best bound first, in batches, and the
// reading stops once the page's last score beats every bound left. The page is exactly
// rankListings' over all the plausible listings: a skipped listing's score is at most its
// bound, which is below the page's last score.
import { ROLES, type ListingSketch, type PlausibleFilter, type RoleId } from '@himatch/core';
import { makeContext } from './context.ts';
import type { EvalContext } from './context.ts';
import { nearFit, recencyFit, roleFit } from './evaluate.ts';
import type { ListingWithId } from './prepare-listing.ts';
import { prepareProfile } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import { plausibleFilter } from './plausible.ts';
import { createRanker, decodeCursor, DEFAULT_LIMIT, encodeCursor, type RankOptions, type RankResult } from './rank.ts';
import { haversineMiles, toRadians } from './units.ts';

/** Guards the bound against rounding: the fit is summed in another order than judge's. */
const EPSILON = 1e-9;

/**
 * The highest score the listing can get: its role, posting time and (for a listing with one
 * located site) distance exact, and everything only the document tells (the requirements, so
 * eligibility; skills, pay, preferred credentials, employment type, work mode) at its best
 * for this candidate.
 */
export function scoreBound(p: PreparedProfile, s: ListingSketch, ctx: EvalContext): number {
  const w = ctx.weights;
  const family = s.role && s.role in ROLES ? ROLES[s.role as RoleId].family : null;
  // A remote listing's distance fit is 1 at most; so is a listing whose nearest site is unknown
  // here (several sites, or the first without coordinates). One located site beyond the radius
  // makes the listing ineligible with no distance fit.
  let tier = 2;
  let distance = 1;
  if (!s.remote && s.siteCount === 1 && s.lat !== null && s.lon !== null && p.hasHome) {
    const lat = toRadians(s.lat);
    const miles = haversineMiles(p.homeLat, p.homeLon, p.homeCos, lat, toRadians(s.lon), Math.cos(lat));
    if (miles <= p.radiusMiles) distance = nearFit(p, miles);
    else tier = distance = 0;
  }
  // With no skills of their own a candidate matches none of a listing's (0), or 0.5 where it lists none.
  const skills = p.skills.size === 0 ? 0.5 : 1;
  const rest = w.skills * skills + w.preferredCredentials + w.pay + w.employmentType + w.workMode;
  const fit = w.role * (s.role === undefined ? 1 : roleFit(p, s.role, family)) + w.distance * distance + w.recency * recencyFit(s.postedMs, ctx) + rest;
  return (tier + Math.min(1, Math.max(0, fit))) / 3 + EPSILON;
}

export interface BoundedRankOptions extends RankOptions {
  /** Most documents read per round trip: the first reads four times the page's depth, each next twice the last. */
  batch?: number;
}

export interface BoundedRankResult extends RankResult {
  /** Documents read and scored (the rest were skipped by their bound). */
  read: number;
}

/**
 * The page of rankListings over every sketched listing, reading documents through `read` (which
 * may return fewer than asked: a listing closed meanwhile is simply not ranked). `total` counts
 * the sketched listings.
 */
export async function rankBounded(
  profile: Parameters<typeof prepareProfile>[0] | PreparedProfile,
  sketches: readonly ListingSketch[],
  read: (ids: string[]) => Promise<readonly ListingWithId[]>,
  opts: BoundedRankOptions = {},
): Promise<BoundedRankResult> {
  // One clock for the bounds and the scores, so a recency bound is never taken later than its score.
  const fixed = { ...opts, now: opts.now ?? new Date() };
  const ctx = makeContext(fixed);
  const p = 'standing' in profile ? profile : prepareProfile(profile, fixed);
  const offset = opts.cursor ? decodeCursor(opts.cursor) : Math.max(0, opts.offset ?? 0);
  const limit = Math.max(0, opts.limit ?? DEFAULT_LIMIT);
  const depth = offset + limit;
  const maxBatch = Math.max(1, opts.batch ?? 2000);
  let batch = Math.min(maxBatch, Math.max(100, 4 * depth));

  const bounds = new Float64Array(sketches.length);
  for (let i = 0; i < sketches.length; i++) bounds[i] = scoreBound(p, sketches[i]!, ctx);
  const order = Uint32Array.from(sketches.keys()).sort((a, b) => bounds[b]! - bounds[a]!);

  const ranker = createRanker(p, { ...fixed, offset, limit, cursor: null });
  let next = 0;
  let readCount = 0;
  while (next < order.length && depth > 0) {
    // A listing whose bound is below the depth-th score so far cannot reach the page; equal
    // ones are read, since a tie is broken by id.
    const floor = ranker.scoreAt(depth);
    if (bounds[order[next]!]! < floor) break;
    const ids: string[] = [];
    while (next < order.length && ids.length < batch && bounds[order[next]!]! >= floor) ids.push(sketches[order[next++]!]!.id);
    const listings = await read(ids);
    readCount += listings.length;
    ranker.add(listings);
    batch = Math.min(maxBatch, batch * 2);
  }
  const page = ranker.result();
  const end = offset + page.results.length;
  return { results: page.results, total: sketches.length, nextCursor: end < sketches.length && page.results.length === limit ? encodeCursor(end) : null, read: readCount };
}

/** Where the reachable listings come from: `@himatch/db`'s PlausibleListingRepository, or a wrapper of it. */
export interface ReachableListings {
  sketches(filter: PlausibleFilter): Promise<readonly ListingSketch[]>;
  documents(ids: string[]): Promise<readonly ListingWithId[]>;
}

/**
 * The page of the listings within the candidate's reach (the pre-filter of `plausibleFilter`),
 * ranked by `rankBounded`: what the matcher service, the API and `himatch match` rank.
 */
export async function rankReachable(
  profile: Parameters<typeof prepareProfile>[0],
  source: ReachableListings,
  opts: BoundedRankOptions = {},
): Promise<BoundedRankResult> {
  return rankBounded(profile, await source.sketches(plausibleFilter(profile, opts)), (ids) => source.documents(ids), opts);
}
