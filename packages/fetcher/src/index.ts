export { createFetcher } from './fetcher.ts';
export { blockedAddressClass } from './address-class.ts';
export { SsrfBlockedError, createSsrfGuard, systemResolve, type ResolveHost, type SsrfGuard } from './ssrf.guard.ts';
export { TooLargeError } from './body.ts';
export type { Fetcher, FetcherOptions, FetchOptions, FetchMetric, FetchOutcome } from './options.ts';
