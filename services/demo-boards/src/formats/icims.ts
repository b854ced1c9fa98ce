import type { SamplePosting } from '@himatch/samples';
import { boardPostings } from '../catalog.ts';
import { html, notFoundHtml, route, xml, type Ctx, type Route } from '../http.ts';
import { hash32, slugify } from '../ids.ts';
import { escXml, jobPageHtml, jobPostingJsonLd } from './common.ts';

// iCIMS-style career portal: /icims/sitemap.xml lists /icims/jobs/{id}/{title}/job; the
// ?in_iframe=1 fragment carries the JSON-LD, the outer page only an iframe.

export const ICIMS_BOARD = 'icims-cedar';
export const icimsId = (p: SamplePosting): string => String(1000 + (hash32(p.id) % 90_000));
export const icimsPath = (p: SamplePosting): string => `/icims/jobs/${icimsId(p)}/${slugify(p.title).toLowerCase()}/job`;

function sitemap(ctx: Ctx) {
  const urls = boardPostings(ctx.catalog, ICIMS_BOARD)
    .map((p) => `<url><loc>${ctx.base}${icimsPath(p)}</loc><lastmod>${p.updatedAt.slice(0, 10)}</lastmod><changefreq>daily</changefreq></url>`);
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
}

/** iCIMS writes the literal "UNAVAILABLE" into address parts of remote jobs. */
function icimsJsonLd(p: SamplePosting): Record<string, unknown> {
  const base = jobPostingJsonLd(p);
  if (p.workMode !== 'remote') return base;
  return {
    ...base,
    jobLocation: [{ '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'UNAVAILABLE', addressRegion: 'UNAVAILABLE', postalCode: 'UNAVAILABLE', addressCountry: 'US' } }],
  };
}

function jobPage(ctx: Ctx) {
  const p = boardPostings(ctx.catalog, ICIMS_BOARD).find((q) => icimsId(q) === ctx.params[0]);
  if (!p) return notFoundHtml();
  if (ctx.url.searchParams.get('in_iframe') !== '1') {
    const src = `${ctx.base}${icimsPath(p)}?in_iframe=1`;
    return html(200, `<!doctype html><html><head><title>${escXml(p.title)} | Careers</title></head><body><iframe id="icims_content_iframe" src="${escXml(src)}"></iframe></body></html>`);
  }
  return html(200, jobPageHtml(p, `${ctx.base}/apply/${encodeURIComponent(p.id)}`, icimsJsonLd(p)));
}

export const icimsRoutes: readonly Route[] = [
  route('GET', /^\/icims\/sitemap\.xml$/, sitemap),
  route('GET', /^\/icims\/jobs\/(\d+)(?:\/[^/]*)?(?:\/job)?$/, jobPage),
];
