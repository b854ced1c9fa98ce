import type { SamplePosting } from '@himatch/samples';
import { html, json, notFoundHtml, route, text, xml, type Ctx, type Route } from '../http.ts';
import { jobPageHtml } from './common.ts';

// A large JSON-LD career site for `himatch bench ingest` (BENCH_SITE_COUNT > 0): a sitemap
// index -> urlsets of PER_URLSET job pages -> one page per posting. Pages are rendered on
// request from the catalog's postings used as templates (posting i = template i mod n with
// its own id and requisition id), so a 20,000-posting site costs no memory up front.

export const BENCH_PREFIX = '/bench';
const PER_URLSET = 1000;
const STAMP = '2026-11-01T00:00:00.000Z';

const urlsetCount = (count: number): number => Math.max(1, Math.ceil(count / PER_URLSET));
const jobUrl = (base: string, i: number): string => `${base}${BENCH_PREFIX}/jobs/${i}`;

function templateFor(ctx: Ctx, i: number): SamplePosting | undefined {
  const templates = ctx.catalog.postings;
  const t = templates[i % templates.length];
  return t && { ...t, id: `bench-${i}`, requisitionId: `BENCH-${i}`, employer: 'Bench Regional Health' };
}

/** The source a crawler registers for the bench site (also served at /_bench). */
export function benchSource(base: string, count: number): Record<string, unknown> {
  return {
    kind: 'jsonld-site', name: `Bench Regional Health [${count}]`, postings: count,
    config: { baseUrl: base, sitemapUrl: `${base}${BENCH_PREFIX}/sitemap_index.xml`, employer: 'Bench Regional Health', jobPathPattern: `^${BENCH_PREFIX}/jobs/` },
  };
}

function sitemapIndex(ctx: Ctx) {
  const n = urlsetCount(ctx.settings.benchCount);
  const entries = Array.from({ length: n }, (_, i) => `<sitemap><loc>${ctx.base}${BENCH_PREFIX}/sitemaps/jobs-${i + 1}.xml</loc><lastmod>${STAMP}</lastmod></sitemap>`);
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`);
}

function urlset(ctx: Ctx) {
  const index = Number(ctx.params[0]) - 1;
  const count = ctx.settings.benchCount;
  if (!(index >= 0 && index < urlsetCount(count))) return text(404, 'no such sitemap');
  const urls: string[] = [];
  for (let i = index * PER_URLSET; i < Math.min(count, (index + 1) * PER_URLSET); i++) {
    urls.push(`<url><loc>${jobUrl(ctx.base, i)}</loc><lastmod>${STAMP}</lastmod></url>`);
  }
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
}

function jobPage(ctx: Ctx) {
  const i = Number(ctx.params[0]);
  const posting = i < ctx.settings.benchCount ? templateFor(ctx, i) : undefined;
  return posting ? html(200, jobPageHtml(posting, `${ctx.base}/apply/${encodeURIComponent(posting.id)}`)) : notFoundHtml();
}

const enabled = (handler: (ctx: Ctx) => ReturnType<typeof text>) => (ctx: Ctx) =>
  ctx.settings.benchCount > 0 ? handler(ctx) : json(404, { error: 'bench site disabled (BENCH_SITE_COUNT=0)' });

export const benchSiteRoutes: readonly Route[] = [
  route('GET', /^\/bench\/sitemap_index\.xml$/, enabled(sitemapIndex)),
  route('GET', /^\/bench\/sitemaps\/jobs-(\d+)\.xml$/, enabled(urlset)),
  route('GET', /^\/bench\/jobs\/(\d+)$/, enabled(jobPage)),
  route('GET', /^\/_bench$/, enabled((ctx) => json(200, benchSource(ctx.base, ctx.settings.benchCount)))),
];
