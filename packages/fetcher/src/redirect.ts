import { PermanentError } from '@himatch/core';

/** One request on the way to the final response: the original, or a redirect hop. */
export interface Hop {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | null;
}

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Headers a caller set for one origin (API keys, cookies) must not leak to another one.
const KEPT_ACROSS_ORIGINS = new Set([
  'accept', 'accept-language', 'accept-encoding', 'user-agent', 'if-none-match', 'if-modified-since',
]);

/** The hop a redirect leads to (RFC 9110 §15.4): 303, and 301/302 after POST, become GET. */
export function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new PermanentError('bad_redirect', `unparseable Location from ${hop.url.host}`);
  }
  url.hash = '';
  const toGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST');
  const sameOrigin = url.origin === hop.url.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(hop.headers)) {
    if (toGet && (name === 'content-type' || name === 'content-length')) continue;
    if (sameOrigin || KEPT_ACROSS_ORIGINS.has(name)) headers[name] = value;
  }
  return { url, method: toGet ? 'GET' : hop.method, headers, body: toGet ? null : hop.body };
}
