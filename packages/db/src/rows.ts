import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
import type { DB } from './schema.generated.ts';

// Row types as repositories return them (camelCase, timestamps as Date, numeric as number).

export type SourceRow = Selectable<DB['source']>;
export type CrawlRunRow = Selectable<DB['crawlRun']>;
export type RawPostingRow = Selectable<DB['rawPosting']>;
export type HttpCacheRow = Selectable<DB['httpCache']>;
export type ListingRow = Omit<Selectable<DB['listing']>, 'searchVector' | 'matchDoc' | 'sameJob' | 'siteCount' | 'siteCells'>;
export type ListingClusterRow = Selectable<DB['listingCluster']>;
export type CandidateRow = Selectable<DB['candidate']>;
export type MatchRow = Selectable<DB['match']>;
export type AlertOutboxRow = Selectable<DB['alertOutbox']>;
export type ApiKeyRow = Selectable<DB['apiKey']>;
export type SavedSearchRow = Selectable<DB['savedSearch']>;

export type NewSource = Pick<Insertable<DB['source']>, 'kind' | 'name' | 'config' | 'cron' | 'enabled' | 'politeness'>;

export type UpsertOutcome = 'new' | 'changed' | 'unchanged';

/**
 * A jsonb parameter. pg would send a JS array as a Postgres array literal, so every jsonb
 * value is serialized here explicitly.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
}
