import type { FetchRequest, FetchedResponse } from '@himatch/core';
import { parseXmlBody, xmlText } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { list, obj } from '../util/values.ts';

// Discovery shared by sitemap-driven adapters (JSON-LD sites, iCIMS):
// robots.txt → Sitemap: lines → sitemap index → urlsets → job pages.

export interface JobPage {
  /** The URL to fetch (may differ from the sitemap's, e.g. iCIMS ?in_iframe=1). */
  url: string;
  externalId: string | null;
}

/** Picks job pages out of a urlset; null for URLs that are not job pages. */
export type JobPageFilter = (loc: string) => JobPage | null;

export function robotsRequest(baseUrl: string): FetchRequest {
  return request({ url: joinUrl(baseUrl, '/robots.txt'), role: 'discovery', step: 'robots' });
}

export function sitemapRequest(url: string, role: 'discovery' | 'list'): FetchRequest {
  return request({ url, role, step: 'sitemap' });
}

export function looksLikeSitemap(body: string): boolean {
  return /<(urlset|sitemapindex)[\s>]/.test(body.slice(0, 4000));
}

/** Sitemap: lines of robots.txt; {baseUrl}/sitemap.xml when there are none (or no robots). */
export function parseRobots(response: FetchedResponse, baseUrl: string): FetchRequest[] {
  const lines = response.status >= 400 ? [] : [...response.body.matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)];
  const urls = lines.map((m) => m[1]).filter((u): u is string => u !== undefined && /^https?:\/\//i.test(u));
  const unique = [...new Set(urls.length > 0 ? urls : [joinUrl(baseUrl, '/sitemap.xml')])];
  return unique.map((url) => sitemapRequest(url, 'discovery'));
}

/**
 * A sitemap index gives child sitemaps (list pages: together they enumerate the board);
 * a urlset gives detail requests carrying `lastmod` so unchanged pages can be skipped.
 * Child sitemaps get no lastmod hint: skipping one would hide its jobs from the crawl's
 * complete view of the board.
 */
export function parseSitemap(response: FetchedResponse, filter: JobPageFilter): FetchRequest[] {
  const doc = parseXmlBody(response.body, 'sitemap');
  if ('sitemapindex' in doc) {
    const children = list(obj(doc.sitemapindex).sitemap).map((s) => xmlText(obj(s).loc));
    return children.filter((u): u is string => u !== null).map((url) => sitemapRequest(url, 'list'));
  }
  if (!('urlset' in doc)) return [];
  const requests: FetchRequest[] = [];
  for (const entry of list(obj(doc.urlset).url)) {
    const loc = xmlText(obj(entry).loc);
    const page = loc ? filter(loc) : null;
    if (!page) continue;
    requests.push(request({
      url: page.url,
      role: 'detail',
      step: 'page',
      externalId: page.externalId,
      lastModifiedHint: xmlText(obj(entry).lastmod)?.slice(0, 64) ?? null,
    }));
  }
  return requests;
}
