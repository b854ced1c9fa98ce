export { evaluateListing } from './evaluate.ts';
export { rankListings, DEFAULT_LIMIT } from './rank.ts';
export type { RankOptions, RankResult } from './rank.ts';
export { prepareProfile } from './prepare-profile.ts';
export type { PreparedProfile } from './prepare-profile.ts';
export { prepareListing } from './prepare-listing.ts';
export type { ListingWithId, PreparedListing } from './prepare-listing.ts';
export { DEFAULT_TUNING, DEFAULT_WEIGHTS } from './types.ts';
export type { Check, CheckKind, CheckStatus, Eligibility, MatchOptions, MatchResult, Tuning, Weights } from './types.ts';
