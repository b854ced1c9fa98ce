export { alertsConsumer, matcherConsumer } from './handlers.ts';
export { createProfileCache, type ProfileSet } from './profile-cache.ts';
export { matchListing, matchCandidate, type MatchDeps } from './match-listing.processor.ts';
export { alertBody, deliverAlert, type AlertDeps } from './alert-deliver.processor.ts';
export { checkWebhookTarget, postAlert, signatureHeader, type WebhookTarget } from './webhook.ts';
export { loadConfig, type MatcherConfig } from './config.ts';
