import { defineHandlers, type QueueConsumer } from '@himatch/queue';
import type { ListingWithId } from '@himatch/matcher';
import { matchCandidate, matchListing, type MatchDeps } from './match-listing.processor.ts';

export function matcherConsumer(deps: MatchDeps, loadListings: () => Promise<ListingWithId[]>, concurrency: number): QueueConsumer {
  return defineHandlers(
    'matcher',
    {
      'match.listing': (payload) => matchListing(deps, payload),
      'match.candidate': (payload) => matchCandidate(deps, payload, loadListings),
    },
    { concurrency },
  );
}
