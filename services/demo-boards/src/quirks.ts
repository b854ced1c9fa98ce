import { json, type Reply } from './http.ts';

// Misbehaviour wrappers: any board path can be requested under /quirks/<kind>/ to get the
// same answer after a 429, after a delay, replaced by garbage, or (broken-paging) a 500 for
// every page after the first.

export const QUIRK_PATTERN = /^\/quirks\/(rate-limited|slow|garbage|broken-paging)(\/.*)$/;

export interface QuirkState {
  /** Requests seen per rate-limited path+query. */
  readonly hits: Map<string, number>;
}

export function rateLimitReply(state: QuirkState, key: string, first: number): Reply | null {
  const seen = state.hits.get(key) ?? 0;
  state.hits.set(key, seen + 1);
  if (seen >= first) return null;
  return json(429, { error: 'Too Many Requests', message: 'Rate limit exceeded, retry later' }, { 'retry-after': '1' });
}

export function garbageReply(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: '<html><body><h1>502 Bad Gateway</h1></body></html>\n{"jobs": [ {"id": 1, "title": "Coder"\u0000,,, ]]',
  };
}

/** 500 for any list page past the first (skip/offset > 0 or Page > 1); null for the first page. */
export function brokenPagingReply(url: URL): Reply | null {
  const q = url.searchParams;
  const later = Number(q.get('skip') ?? q.get('offset') ?? 0) > 0 || Number(q.get('Page') ?? q.get('page') ?? 1) > 1;
  return later ? json(500, { error: 'Internal Server Error', message: 'paging backend unavailable' }) : null;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
