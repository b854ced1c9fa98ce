// Forward matching: rank many listings for one profile. The whole set is scored on the
// allocation-free path; only the requested page is explained.
import type { CandidateProfile } from '@himatch/core';
import { makeContext } from './context.ts';
import { explain, judge, newVerdict } from './evaluate.ts';
import { prepareListing } from './prepare-listing.ts';
import type { ListingWithId, PreparedListing } from './prepare-listing.ts';
import { prepareProfile } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { MatchOptions, MatchResult } from './types.ts';

export interface RankOptions extends MatchOptions {
  limit?: number;
  offset?: number;
  /** Opaque cursor from a previous page; wins over `offset`. */
  cursor?: string | null;
}

export interface RankResult {
  results: MatchResult[];
  total: number;
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new RangeError('invalid cursor');
  return Number(match[1]);
}

function isPrepared(profile: CandidateProfile | PreparedProfile): profile is PreparedProfile {
  return 'standing' in profile;
}

/** Indices of `prepared` ordered by score (desc), ties by listing id (asc), so pages are stable. */
function order(prepared: readonly PreparedListing[], scores: Float64Array): Uint32Array {
  const idx = new Uint32Array(prepared.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => {
    const d = scores[b]! - scores[a]!;
    if (d !== 0) return d;
    const ia = prepared[a]!.id;
    const ib = prepared[b]!.id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

export function rankListings(
  profile: CandidateProfile | PreparedProfile,
  listings: readonly ListingWithId[],
  opts: RankOptions = {},
): RankResult {
  const ranker = createRanker(profile, opts);
  ranker.add(listings);
  return ranker.result();
}

export interface Ranker {
  /** Prepares and scores more listings (a chunk of a streamed fetch). */
  add(listings: readonly ListingWithId[]): void;
  /** The k-th best score among the listings added so far (1-based); -Infinity while fewer were added. */
  scoreAt(k: number): number;
  /** Orders everything added and explains the requested page. */
  result(): RankResult;
}

/**
 * Ranking in steps, for listings that arrive in chunks: each chunk is prepared and scored as
 * it comes (while the database produces the next), and the page is ordered and explained at
 * the end. Scores depend on one listing each, so the result is rankListings' over all chunks.
 */
export function createRanker(profile: CandidateProfile | PreparedProfile, opts: RankOptions = {}): Ranker {
  const ctx = makeContext(opts);
  const p = isPrepared(profile) ? profile : prepareProfile(profile, opts);
  const prepared: PreparedListing[] = [];
  let scores = new Float64Array(1024);
  const v = newVerdict();
  return {
    add(listings) {
      if (prepared.length + listings.length > scores.length) {
        const grown = new Float64Array(Math.max(scores.length * 2, prepared.length + listings.length));
        grown.set(scores);
        scores = grown;
      }
      for (const listing of listings) {
        const one = prepareListing(listing);
        judge(p, one, ctx, null, v);
        scores[prepared.length] = v.score;
        prepared.push(one);
      }
    },
    scoreAt(k) {
      if (k < 1 || k > prepared.length) return -Infinity;
      const sorted = scores.slice(0, prepared.length).sort();
      return sorted[prepared.length - k]!;
    },
    result() {
      const sorted = order(prepared, scores);
      const offset = opts.cursor ? decodeCursor(opts.cursor) : Math.max(0, opts.offset ?? 0);
      const limit = Math.max(0, opts.limit ?? DEFAULT_LIMIT);
      const end = Math.min(sorted.length, offset + limit);
      const results: MatchResult[] = [];
      for (let i = offset; i < end; i++) results.push(explain(p, prepared[sorted[i]!]!, ctx));
      return { results, total: prepared.length, nextCursor: end < sorted.length ? encodeCursor(end) : null };
    },
  };
}
