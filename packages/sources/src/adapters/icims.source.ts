import { z } from 'zod';
import { extractJobPostings } from '../jsonld/extract.ts';
import { parseJsonLdPage } from './jsonld-site.source.ts';
import { looksLikeSitemap, parseSitemap, sitemapRequest } from '../jsonld/sitemap.ts';
import { joinUrl } from '../util/request.ts';
import type { SourceAdapter } from '../types.ts';

const configSchema = z.object({
  /** e.g. https://careers-example.icims.com */
  baseUrl: z.string().url(),
  /** Defaults to {baseUrl}/sitemap.xml (vanity hosts may use a sitemap index elsewhere). */
  sitemapUrl: z.string().url().optional(),
  employer: z.string().optional(),
});
export type IcimsConfig = z.infer<typeof configSchema>;

const JOB_ID = /\/jobs\/(\d+)(?:[/?#]|$)/;

/** The numeric iCIMS job id of a /jobs/{id}/... or /careers-home/jobs/{id} URL. */
export function icimsJobId(url: string): string | null {
  return JOB_ID.exec(url)?.[1] ?? null;
}

// The ?in_iframe=1 fragment is the server-rendered page that carries the JSON-LD block.
function frameUrl(loc: string): string {
  const url = new URL(loc);
  url.searchParams.set('in_iframe', '1');
  return url.toString();
}

export const icimsAdapter: SourceAdapter<IcimsConfig> = {
  kind: 'icims',
  configSchema,
  start(config) {
    return [sitemapRequest(config.sitemapUrl ?? joinUrl(config.baseUrl, '/sitemap.xml'), 'discovery')];
  },
  parse(response, config) {
    if (response.request.step === 'sitemap' || looksLikeSitemap(response.body)) {
      const next = parseSitemap(response, (loc) => {
        const id = icimsJobId(loc);
        return id ? { url: frameUrl(loc), externalId: id } : null;
      });
      return { postings: [], next, failures: [] };
    }
    const externalId = response.request.externalId ?? icimsJobId(response.url) ?? idFromJsonLd(response.body);
    return parseJsonLdPage(response, { externalId, employer: config.employer });
  },
};

// A saved frame without its URL still names the job in the JSON-LD `url`.
function idFromJsonLd(body: string): string | null {
  const [first] = extractJobPostings(body).jobPostings;
  return typeof first?.url === 'string' ? icimsJobId(first.url) : null;
}
