import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchedResponse, FetchRequest, RawPosting, SourceKind } from '@himatch/core';
import { getAdapter, parseSourceConfig } from '@himatch/sources';
import { startDemoBoards, type DemoBoards } from './server.ts';

// Contract check: the real source adapters crawl every sample board and find exactly the
// postings the truth says the board serves.

let boards: DemoBoards;

beforeAll(async () => {
  boards = await startDemoBoards({ port: 0, seed: 21, count: 250 });
});
afterAll(async () => {
  await boards.close();
});

async function fetchOnce(request: FetchRequest): Promise<FetchedResponse> {
  const res = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body ? { body: request.body } : {}) });
  return {
    request, url: res.url, status: res.status, headers: Object.fromEntries(res.headers), body: await res.text(),
    notModified: false, etag: null, lastModified: null, fetchedAt: new Date().toISOString(),
  };
}

async function crawl(kind: SourceKind, rawConfig: unknown): Promise<{ postings: RawPosting[]; failures: number }> {
  const adapter = getAdapter(kind);
  const config = parseSourceConfig(kind, rawConfig);
  const queue = [...adapter.start(config)];
  const postings: RawPosting[] = [];
  let failures = 0;
  for (let i = 0; i < 2000 && queue.length > 0; i++) {
    const response = await fetchOnce(queue.shift() as FetchRequest);
    if (response.status !== 200) continue;
    const result = adapter.parse(response, config);
    postings.push(...result.postings);
    failures += result.failures.length;
    queue.push(...result.next);
  }
  return { postings, failures };
}

describe('source adapters against the demo boards', () => {
  it('finds every posting of every board', async () => {
    const { boards: list } = await (await fetch(`${boards.url}/_boards`)).json() as { boards: { key: string; kind: SourceKind; postings: number; config: unknown }[] };
    type TruthPosting = { title: string; boards: string[]; refs: { board: string; externalId: string }[] };
    const truth = await (await fetch(`${boards.url}/_truth`)).json() as { postings: TruthPosting[] };
    for (const board of list) {
      const { postings, failures } = await crawl(board.kind, board.config);
      const served = truth.postings.filter((p) => p.boards.includes(board.key));
      expect(postings.map((p) => p.title).sort(), board.key).toEqual(served.map((p) => p.title).sort());
      const refIds = served.flatMap((p) => p.refs.filter((r) => r.board === board.key).map((r) => r.externalId)).sort();
      expect(postings.map((p) => p.externalId).sort(), `${board.key} external ids`).toEqual(refIds);
      // Only the JSON-LD site has a malformed page.
      expect(failures, board.key).toBe(board.kind === 'jsonld-site' ? 1 : 0);
    }
  });
});
