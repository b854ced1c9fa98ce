import type { z } from 'zod';
import type { FetchedResponse, FetchRequest, RawPosting, SourceKind } from '@himatch/core';

/** One item of a response that could not be turned into a posting; the rest still count. */
export interface ItemFailure {
  url: string;
  externalId: string | null;
  reason: string;
}

export interface AdapterResult {
  postings: RawPosting[];
  /** Further requests: next list pages, detail pages, sitemaps. */
  next: FetchRequest[];
  failures: ItemFailure[];
}

export interface SourceAdapter<C> {
  kind: SourceKind;
  configSchema: z.ZodType<C>;
  /** First requests of a crawl. */
  start(config: C): FetchRequest[];
  /** Throws PermanentError('unparseable', reason) when the whole response is garbage. */
  parse(response: FetchedResponse, config: C): AdapterResult;
}

export type DocumentFormat =
  | 'jsonld' | 'greenhouse' | 'lever' | 'ashby' | 'smartrecruiters' | 'workday'
  | 'usajobs' | 'rss' | 'atom' | 'indeed-xml' | 'icims';

export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [
  'jsonld', 'greenhouse', 'lever', 'ashby', 'smartrecruiters', 'workday',
  'usajobs', 'rss', 'atom', 'indeed-xml', 'icims',
];
