// Test-only helpers: recorded fixtures from /work/shared (beside the repo) and responses.
import { readFileSync } from 'node:fs';
import type { FetchedResponse, FetchRequest } from '@himatch/core';

const FIXTURES = new URL('../../../../shared/fixtures/source-responses/', import.meta.url);

export function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

export function respond(req: FetchRequest, body: string, extra: Partial<FetchedResponse> = {}): FetchedResponse {
  return {
    request: req,
    url: req.url,
    status: 200,
    headers: {},
    body,
    notModified: false,
    etag: null,
    lastModified: null,
    fetchedAt: '2026-10-10T12:00:00.000Z',
    ...extra,
  };
}
