export {
  createDb, closeDb, camelCase, migrateToLatest, ensureDatabase, listMigrationFiles, migrationsFolder, databaseNameOf, withDatabaseName,
  type CreateDbOptions,
} from './database.ts';
export type { DB } from './schema.generated.ts';
export * from './rows.ts';
export { projectListing, type ListingProjection } from './listing-projection.ts';
export * from './repositories/index.ts';
export type { SourcePatch } from './repositories/source.repository.ts';
export { CRAWL_COUNTS, type CrawlCount, type CrawlCounts, type CrawlRunStatus, type FinishRun } from './repositories/crawl-run.repository.ts';
export type { RawPostingUpsert, RawPostingStatus } from './repositories/raw-posting.repository.ts';
export type { HttpCacheEntry } from './repositories/http-cache.repository.ts';
export type { PageRole, PageStatus, RunTally, CrawlFailureInput } from './repositories/crawl-ledger.repository.ts';
export type { ListingUpsert } from './repositories/listing.repository.ts';
export type { MatchUpsert, CandidateMatch } from './repositories/match.repository.ts';
export type { AlertToEnqueue } from './repositories/alert-outbox.repository.ts';
export type { NewApiKey, ApiKeyRole, ApiKeySummary } from './repositories/api-key.repository.ts';
export { ListingSearchRepository, FACETS, FACET_READ_BUDGET, FACET_WINDOW, RELEVANCE_WINDOW, type FacetName, type FacetCounts, type ListingSummary, type SearchPage, type ClusterMember } from './repositories/listing-search.repository.ts';
export { LISTING_SORTS, type ListingFilter, type ListingSort, type SearchCursor } from './repositories/listing-search.ts';
export { MarketRepository, type CredentialDemand, type PayDistribution, type MarketScope } from './repositories/market.repository.ts';
export { OperationsRepository, type RunFailure } from './repositories/operations.repository.ts';
export type { AlertToRecord, AlertForDelivery } from './repositories/alert-delivery.repository.ts';
export type { NewSavedSearch } from './repositories/saved-search.repository.ts';
export type { PlausibleFilter, PlausibleListing } from './repositories/plausible-listings.repository.ts';
// The crawler's hot path: each function is one statement that keeps the crawl ledger's guarantees.
export {
  loadPageContext, registerPages, completePage, hasPendingPages, addPageCounts, markSeenAndListPending, markKnownSeen, pendingOfRun,
  type KnownRaw, type PageContext, type PageCounts,
} from './repositories/crawl-page.store.ts';
export { storePage, uniqueByExternalId, type PostingRow, type StoredPosting, type StoredPage } from './repositories/crawl-page-postings.store.ts';
export type { ClusterCandidate } from './repositories/cluster-key.repository.ts';
// The normalizer's hot path, likewise.
export { loadPostingsToNormalize, rejectPosting, storeListing, type PostingToNormalize, type StoreListing } from './repositories/normalize.store.ts';
