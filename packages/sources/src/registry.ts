import { ValidationError, type FetchedResponse, type SourceKind } from '@himatch/core';
import type { z } from 'zod';
import { ashbyAdapter } from './adapters/ashby.source.ts';
import { feedAdapter } from './adapters/feed.source.ts';
import { greenhouseAdapter } from './adapters/greenhouse.source.ts';
import { icimsAdapter } from './adapters/icims.source.ts';
import { indeedXmlAdapter } from './adapters/indeed-xml.source.ts';
import { jsonLdSiteAdapter } from './adapters/jsonld-site.source.ts';
import { leverAdapter } from './adapters/lever.source.ts';
import { smartRecruitersAdapter } from './adapters/smartrecruiters.source.ts';
import { usajobsAdapter } from './adapters/usajobs.source.ts';
import { workdayAdapter } from './adapters/workday.source.ts';
import { NO_URL, request } from './util/request.ts';
import type { AdapterResult, DocumentFormat, SourceAdapter } from './types.ts';

// Each adapter is typed by its own config; the registry hands them out as unknown-config
// adapters, which holds because callers pass configs through parseSourceConfig first.
const ADAPTERS: Record<SourceKind, SourceAdapter<unknown>> = {
  'jsonld-site': jsonLdSiteAdapter,
  greenhouse: greenhouseAdapter,
  lever: leverAdapter,
  ashby: ashbyAdapter,
  smartrecruiters: smartRecruitersAdapter,
  workday: workdayAdapter,
  icims: icimsAdapter,
  usajobs: usajobsAdapter,
  rss: feedAdapter,
  'indeed-xml': indeedXmlAdapter,
};

export function getAdapter(kind: SourceKind): SourceAdapter<unknown> {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new ValidationError('kind', `unknown source kind "${String(kind)}"`);
  return adapter;
}

/** The config validated by the kind's schema; ValidationError names the first bad field. */
export function parseSourceConfig(kind: SourceKind, config: unknown): unknown {
  const schema: z.ZodType<unknown> = getAdapter(kind).configSchema;
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `config.${issue.path.join('.')}` : 'config';
  throw new ValidationError(field, `${issue?.message ?? 'invalid'} (source kind ${kind})`);
}

// Placeholder configs for documents parsed without a source: only the fields a parser
// reads matter, and the follow-up requests they would produce are dropped.
const DOCUMENT_SOURCES: Record<DocumentFormat, { kind: SourceKind; config: Record<string, unknown> }> = {
  jsonld: { kind: 'jsonld-site', config: { baseUrl: NO_URL } },
  icims: { kind: 'icims', config: { baseUrl: NO_URL } },
  greenhouse: { kind: 'greenhouse', config: { boardToken: 'document' } },
  lever: { kind: 'lever', config: { site: 'document' } },
  ashby: { kind: 'ashby', config: { board: 'document' } },
  smartrecruiters: { kind: 'smartrecruiters', config: { company: 'document' } },
  workday: { kind: 'workday', config: { baseUrl: NO_URL, tenant: 'document', site: 'document' } },
  usajobs: { kind: 'usajobs', config: { apiKey: 'none', userAgentEmail: 'document@example.invalid' } },
  rss: { kind: 'rss', config: { feedUrl: NO_URL, fetchDetailPages: false } },
  atom: { kind: 'rss', config: { feedUrl: NO_URL, fetchDetailPages: false } },
  'indeed-xml': { kind: 'indeed-xml', config: { feedUrl: NO_URL } },
};

/**
 * For `himatch normalize FILE --format X`: the postings of a saved response body. No crawl
 * follows, so `next` is always empty (an RSS item is taken as the feed gives it).
 */
export function parseDocument(format: DocumentFormat, body: string, url?: string): AdapterResult {
  const source = DOCUMENT_SOURCES[format];
  if (!source) throw new ValidationError('format', `unknown document format "${String(format)}"`);
  const adapter = getAdapter(source.kind);
  const config = parseSourceConfig(source.kind, source.config);
  const pageUrl = url ?? NO_URL;
  const response: FetchedResponse = {
    request: request({ url: pageUrl, role: 'detail', step: 'document' }),
    url: pageUrl,
    status: 200,
    headers: {},
    body,
    notModified: false,
    etag: null,
    lastModified: null,
    fetchedAt: new Date().toISOString(),
  };
  const result = adapter.parse(response, config);
  return { postings: result.postings, next: [], failures: result.failures };
}

