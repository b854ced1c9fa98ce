import { json, type Reply } from './http.ts';

// Misbehaviour wrappers: any board path can be requested under /quirks/<kind>/ to get the
// same answer after a 429, after a delay, or replaced by garbage.

export const QUIRK_PATTERN = /^\/quirks\/(rate-limited|slow|garbage)(\/.*)$/;

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

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
