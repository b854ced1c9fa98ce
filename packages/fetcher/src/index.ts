export { createFetcher } from './fetcher.ts';
export { blockedAddressClass } from './address-class.ts';
export { SsrfBlockedError, systemResolve, type ResolveHost } from './ssrf.guard.ts';
export { TooLargeError } from './body.ts';
export type { Fetcher, FetcherOptions, FetchOptions, FetchMetric, FetchOutcome } from './options.ts';
