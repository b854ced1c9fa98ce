import type { Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import { AlertOutboxRepository } from './alert-outbox.repository.ts';
import { AlertDeliveryRepository } from './alert-delivery.repository.ts';
import { PlausibleListingRepository } from './plausible-listings.repository.ts';
import { SavedSearchRepository } from './saved-search.repository.ts';
import { ApiKeyRepository } from './api-key.repository.ts';
import { CandidateRepository } from './candidate.repository.ts';
import { ClusterRepository } from './cluster.repository.ts';
import { ClusterKeyRepository } from './cluster-key.repository.ts';
import { CrawlLedgerRepository } from './crawl-ledger.repository.ts';
import { CrawlRunRepository } from './crawl-run.repository.ts';
import { HttpCacheRepository } from './http-cache.repository.ts';
import { ListingRepository } from './listing.repository.ts';
import { MatchRepository } from './match.repository.ts';
import { RawPostingRepository } from './raw-posting.repository.ts';
import { SourceRepository } from './source.repository.ts';

export interface Repositories {
  sources: SourceRepository;
  crawlRuns: CrawlRunRepository;
  crawlLedger: CrawlLedgerRepository;
  rawPostings: RawPostingRepository;
  httpCache: HttpCacheRepository;
  listings: ListingRepository;
  clusters: ClusterRepository;
  clusterKeys: ClusterKeyRepository;
  candidates: CandidateRepository;
  matches: MatchRepository;
  alerts: AlertOutboxRepository;
  apiKeys: ApiKeyRepository;
  alertDelivery: AlertDeliveryRepository;
  savedSearches: SavedSearchRepository;
  plausibleListings: PlausibleListingRepository;
}

/** Every repository over one Kysely instance. */
export function createRepositories(db: Kysely<DB>): Repositories {
  return {
    sources: new SourceRepository(db),
    crawlRuns: new CrawlRunRepository(db),
    crawlLedger: new CrawlLedgerRepository(db),
    rawPostings: new RawPostingRepository(db),
    httpCache: new HttpCacheRepository(db),
    listings: new ListingRepository(db),
    clusters: new ClusterRepository(db),
    clusterKeys: new ClusterKeyRepository(db),
    candidates: new CandidateRepository(db),
    matches: new MatchRepository(db),
    alerts: new AlertOutboxRepository(db),
    apiKeys: new ApiKeyRepository(db),
    alertDelivery: new AlertDeliveryRepository(db),
    savedSearches: new SavedSearchRepository(db),
    plausibleListings: new PlausibleListingRepository(db),
  };
}

export { AlertDeliveryRepository, SavedSearchRepository, PlausibleListingRepository };
export { CrawlLedgerRepository, AlertOutboxRepository, ApiKeyRepository, CandidateRepository, ClusterRepository, CrawlRunRepository, HttpCacheRepository, ListingRepository, MatchRepository, RawPostingRepository, SourceRepository };
