import { defineHandlers, type QueueConsumer } from '@himatch/queue';
import { deliverAlert, type AlertDeps } from './alert-deliver.processor.ts';
import { matchCandidate, matchListing, type MatchDeps } from './match-listing.processor.ts';

export function matcherConsumer(deps: MatchDeps, concurrency: number): QueueConsumer {
  return defineHandlers(
    'matcher',
    {
      'match.listing': (payload) => matchListing(deps, payload),
      'match.candidate': (payload) => matchCandidate(deps, payload),
    },
    { concurrency },
  );
}

export function alertsConsumer(deps: AlertDeps, concurrency: number): QueueConsumer {
  return defineHandlers('alerts', { 'alert.deliver': (payload, ctx) => deliverAlert(deps, payload, ctx) }, { concurrency });
}
