export { matcherConsumer } from './handlers.ts';
export { createProfileCache } from './profile-cache.ts';
export { matchListing, matchCandidate, type MatchDeps } from './match-listing.processor.ts';
