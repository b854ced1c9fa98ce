import { z } from 'zod';
import type { FetchedResponse } from '@himatch/core';
import { extractJobPostings } from '../jsonld/extract.ts';
import { mapJobPosting } from '../jsonld/map.ts';
import { looksLikeSitemap, parseRobots, parseSitemap, robotsRequest, sitemapRequest, type JobPageFilter } from '../jsonld/sitemap.ts';
import { ResultBuilder } from '../util/collect.ts';
import { realUrl } from '../util/request.ts';
import type { AdapterResult, SourceAdapter } from '../types.ts';

const configSchema = z.object({
  baseUrl: z.string().url(),
  /** Start at this sitemap instead of robots.txt. */
  sitemapUrl: z.string().url().optional(),
  /** Regular expression on the URL path; only matching sitemap URLs are job pages. */
  jobPathPattern: z.string().min(1).refine(isRegExp, 'not a valid regular expression').optional(),
  employer: z.string().optional(),
});
export type JsonLdSiteConfig = z.infer<typeof configSchema>;

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function jobFilter(config: JsonLdSiteConfig): JobPageFilter {
  const pattern = config.jobPathPattern ? new RegExp(config.jobPathPattern) : null;
  return (loc) => {
    if (!pattern) return { url: loc, externalId: null };
    try {
      const url = new URL(loc);
      return pattern.test(url.pathname + url.search) ? { url: loc, externalId: null } : null;
    } catch {
      return null;
    }
  };
}

/** The JobPostings of one page (or bare JSON-LD document); broken scripts fail alone. */
export function parseJsonLdPage(response: FetchedResponse, options: { externalId?: string | null; employer?: string }): AdapterResult {
  const { jobPostings, brokenScripts } = extractJobPostings(response.body);
  const builder = new ResultBuilder(response.url);
  for (const reason of brokenScripts) builder.fail(options.externalId ?? null, reason);
  const pageUrl = response.body.trimStart().startsWith('<') ? realUrl(response.url) : null;
  jobPostings.forEach((ld, index) => {
    // Several postings on one page without ids of their own must not share the page's id.
    const fallbackId = index > 0 && options.externalId ? `${options.externalId}#${index}` : options.externalId;
    builder.add(ld, (item) => {
      const mapped = mapJobPosting(item as Record<string, unknown>, { pageUrl, externalId: fallbackId });
      return { ...mapped, employer: mapped.employer ?? options.employer ?? null };
    }, () => fallbackId ?? null);
  });
  return builder.result();
}

export const jsonLdSiteAdapter: SourceAdapter<JsonLdSiteConfig> = {
  kind: 'jsonld-site',
  configSchema,
  start(config) {
    return [config.sitemapUrl ? sitemapRequest(config.sitemapUrl, 'discovery') : robotsRequest(config.baseUrl)];
  },
  parse(response, config) {
    if (response.request.step === 'robots') {
      return { postings: [], next: parseRobots(response, config.baseUrl), failures: [] };
    }
    if (response.request.step === 'sitemap' || looksLikeSitemap(response.body)) {
      return { postings: [], next: parseSitemap(response, jobFilter(config)), failures: [] };
    }
    return parseJsonLdPage(response, { employer: config.employer });
  },
};
