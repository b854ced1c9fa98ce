import { z } from 'zod';

// A request a source adapter asks the crawler to make, and the response it gets back.
// Requests travel in crawl.page job payloads, so they are plain JSON.

export const fetchRequestSchema = z.object({
  url: z.string().url().max(4000),
  method: z.enum(['GET', 'POST']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().max(100_000).nullable().default(null),
  /**
   * `list`: a page of the board's listing (all list pages fetched = a complete view of the board).
   * `detail`: one posting's page. `discovery`: robots.txt, sitemap index, feed root.
   */
  role: z.enum(['list', 'detail', 'discovery']),
  /** Adapter-specific step name, e.g. "sitemap", "page", "search". */
  step: z.string().max(64),
  /** For detail requests: the posting's external id, so known postings can be skipped. */
  externalId: z.string().max(512).nullable().default(null),
  /** Sitemap lastmod or list-page updated stamp: lets the crawler skip unchanged pages. */
  lastModifiedHint: z.string().max(64).nullable().default(null),
  /** Small adapter state carried to the response (page number, offset, list item fields). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export type FetchRequest = z.infer<typeof fetchRequestSchema>;
export type FetchRequestInput = z.input<typeof fetchRequestSchema>;

export interface FetchedResponse {
  request: FetchRequest;
  /** The final URL after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Decoded body text ('' for 304). */
  body: string;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
}
