import { fetchRequestSchema, type FetchRequest, type FetchRequestInput } from '@himatch/core';

/** A validated FetchRequest with the core defaults filled in. */
export function request(input: FetchRequestInput): FetchRequest {
  return fetchRequestSchema.parse(input);
}

/** baseUrl + path, without doubling or dropping the slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** Stands in for the URL of a saved document parsed without a crawl (`parseDocument`). */
export const NO_URL = 'https://document.invalid/';

/** The response URL, or null for a saved document that came without one. */
export function realUrl(url: string): string | null {
  return url === NO_URL ? null : url;
}
