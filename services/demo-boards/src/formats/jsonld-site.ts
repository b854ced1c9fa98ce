import type { SamplePosting } from '@himatch/samples';
import { boardPostings } from '../catalog.ts';
import { html, notFoundHtml, route, text, xml, type Ctx, type Route } from '../http.ts';
import { escXml, jobPageHtml } from './common.ts';

// "Mercy Valley Health" career site at the server root: robots.txt -> sitemap index ->
// urlsets with lastmod -> job pages carrying JobPosting JSON-LD.

export const JSONLD_BOARD = 'mercy-valley';
export const BROKEN_PAGE_ID = 'broken-listing-1';
const PER_SITEMAP = 25;

function sitemapChunks(ctx: Ctx): SamplePosting[][] {
  const postings = [...boardPostings(ctx.catalog, JSONLD_BOARD)];
  const chunks: SamplePosting[][] = [];
  for (let i = 0; i < postings.length; i += PER_SITEMAP) chunks.push(postings.slice(i, i + PER_SITEMAP));
  return chunks.length > 0 ? chunks : [[]];
}

const latest = (postings: readonly SamplePosting[]): string =>
  postings.reduce((max, p) => (p.updatedAt > max ? p.updatedAt : max), '1970-01-01T00:00:00.000Z');

function robots(ctx: Ctx) {
  return text(200, [
    '# Mercy Valley Health careers',
    'User-agent: *',
    `Crawl-delay: ${ctx.settings.crawlDelay}`,
    'Disallow: /private/',
    'Allow: /',
    '',
    `Sitemap: ${ctx.base}/sitemap_index.xml`,
    '',
  ].join('\n'));
}

function sitemapIndex(ctx: Ctx) {
  const entries = sitemapChunks(ctx).map((chunk, i) =>
    `<sitemap><loc>${ctx.base}/sitemaps/jobs-${i + 1}.xml</loc><lastmod>${latest(chunk)}</lastmod></sitemap>`);
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`);
}

function sitemap(ctx: Ctx) {
  const index = Number(ctx.params[0]) - 1;
  const chunks = sitemapChunks(ctx);
  const chunk = chunks[index];
  if (!chunk) return text(404, 'no such sitemap');
  const urls = chunk.map((p) => `<url><loc>${ctx.base}/careers/jobs/${encodeURIComponent(p.id)}</loc><lastmod>${p.updatedAt}</lastmod></url>`);
  // The last sitemap also lists one page whose JSON-LD is broken, as real sites do.
  if (index === chunks.length - 1) urls.push(`<url><loc>${ctx.base}/careers/jobs/${BROKEN_PAGE_ID}</loc><lastmod>${ctx.catalog.options.now}</lastmod></url>`);
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
}

const BROKEN_PAGE = [
  '<!doctype html><html><head><title>Coding Specialist | Mercy Valley Health</title>',
  '<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Coding Specialist","description":"<p>Codes outpatient encounters,',
  '</script></head><body><h1>Coding Specialist</h1><p>Codes outpatient encounters.</p></body></html>',
].join('\n');

function jobPage(ctx: Ctx) {
  const id = ctx.params[0] ?? '';
  if (id === BROKEN_PAGE_ID) return html(200, BROKEN_PAGE);
  const posting = boardPostings(ctx.catalog, JSONLD_BOARD).find((p) => p.id === id);
  return posting ? html(200, jobPageHtml(posting, `${ctx.base}/apply/${encodeURIComponent(id)}`)) : notFoundHtml();
}

function careersIndex(ctx: Ctx) {
  const items = boardPostings(ctx.catalog, JSONLD_BOARD)
    .map((p) => `<li><a href="/careers/jobs/${encodeURIComponent(p.id)}">${escXml(p.title)}</a> — ${escXml(p.city)}, ${p.region}</li>`);
  return html(200, `<!doctype html><title>Careers | Mercy Valley Health</title><h1>Open positions</h1><ul>${items.join('')}</ul>`);
}

/** Pages any board links to: the generic apply page and a JSON-LD page for feed items. */
function anyPosting(ctx: Ctx): SamplePosting | undefined {
  const id = ctx.params[0] ?? '';
  return ctx.catalog.postings.find((p) => p.id === id);
}

export const jsonLdSiteRoutes: readonly Route[] = [
  route('GET', /^\/robots\.txt$/, robots),
  route('GET', /^\/sitemap_index\.xml$/, sitemapIndex),
  route('GET', /^\/sitemaps\/jobs-(\d+)\.xml$/, sitemap),
  route('GET', /^\/careers\/?$/, careersIndex),
  route('GET', /^\/careers\/jobs\/([^/]+)$/, jobPage),
  route('GET', /^\/private\/.*$/, () => html(200, '<!doctype html><title>Internal</title><p>Internal requisition review.</p>')),
  route('GET', /^\/apply\/([^/]+)$/, (ctx) => {
    const p = anyPosting(ctx);
    return p ? html(200, `<!doctype html><title>Apply: ${escXml(p.title)}</title><h1>Apply: ${escXml(p.title)}</h1><form><input name="email"></form>`) : notFoundHtml();
  }),
  route('GET', /^\/feeds\/jobs\/([^/]+)$/, (ctx) => {
    const p = anyPosting(ctx);
    return p ? html(200, jobPageHtml(p, `${ctx.base}/apply/${encodeURIComponent(p.id)}`)) : notFoundHtml();
  }),
];
