import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '@himatch/db';
import { createTestDatabase, makeListing, type TestDatabase } from '@himatch/testing';
import type { Listing } from '@himatch/core';
import { fingerprintOf, sameJobDoc } from '@himatch/normalizer';
import { matchDocument } from '@himatch/matcher';
import { placeListing } from './place-listing.ts';

// One real job on several boards forms one cluster with every apply link; a staffing agency's
// copy and a different requisition of the same title stay apart.

let database: TestDatabase;
let repos: Repositories;
const sources: Record<string, string> = {};

const BODY = 'Review and code inpatient records using ICD-10-CM and ICD-10-PCS. Validate MS-DRG assignment. CCS required. Two years of inpatient coding experience.';

function job(overrides: Partial<Listing>): Listing {
  const base = makeListing({
    title: 'Inpatient Coder', employer: 'Mercy Valley Health', descriptionText: BODY, workMode: 'remote',
    locations: [{ city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US', lat: 32.78, lon: -96.8 }], ...overrides,
  });
  return { ...base, fingerprint: fingerprintOf(base) };
}

async function store(source: string, externalId: string, listing: Listing): Promise<string> {
  const known = await database.db.selectFrom('listing').select('id').where('sourceId', '=', sources[source]!).where('externalId', '=', externalId).executeTakeFirst();
  const placed = await placeListing(database.db, repos, listing, {
    listingId: known?.id ?? null, sourceId: sources[source]!, sourceKind: source, externalId, rawPostingId: null, contentHash: externalId, runId: null, expired: false,
  });
  return placed.clusterId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  for (const kind of ['greenhouse', 'lever', 'indeed-xml'] as const) sources[kind] = (await repos.sources.create({ kind, name: `cluster-${kind}` })).id;
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('placeListing', () => {
  it('joins copies of one job, keeps every apply link, and keeps agency copies and other requisitions apart', async () => {
    const original = await store('greenhouse', 'gh-1', job({ requisitionId: 'R-100', applyUrls: ['https://boards.example/gh/1/apply'] }));
    const copy = await store('lever', 'lv-1', job({ requisitionId: 'R-100', applyUrls: ['https://jobs.example/lever/abc/apply'], descriptionText: `${BODY} Apply today.` }));
    const agency = await store('indeed-xml', 'in-1', job({
      employer: 'Apex Staffing Partners', requisitionId: null, applyUrls: ['https://apex.example/jobs/9'],
      descriptionText: `Our client, a large health system, seeks an inpatient coder. ${BODY}`,
    }));
    const otherReq = await store('lever', 'lv-2', job({ requisitionId: 'R-200', applyUrls: ['https://jobs.example/lever/def/apply'] }));

    expect(copy).toBe(original);
    expect(agency).not.toBe(original);
    expect(otherReq).not.toBe(original);
    const cluster = await repos.clusters.getById(original);
    expect(cluster?.listingCount).toBe(2);
    expect(cluster?.applyUrls).toEqual(['https://boards.example/gh/1/apply', 'https://jobs.example/lever/abc/apply']);

    // Ranking reads the stored match document: the listing without its HTML and reasons.
    const stored = await database.db.selectFrom('listing').select(['matchDoc', 'data']).where('clusterId', '=', original).orderBy('firstSeenAt').executeTakeFirstOrThrow();
    expect(stored.matchDoc).toEqual(matchDocument(stored.data));
    expect(stored.matchDoc).toMatchObject({ descriptionHtml: '', relevanceReasons: [], title: 'Inpatient Coder' });

    // The same-job test reads each stored listing's same-job document, not its data.
    const docs = await database.db.selectFrom('listing').select(['sameJob', 'data']).execute();
    for (const row of docs) expect(row.sameJob).toEqual(JSON.parse(JSON.stringify(sameJobDoc(row.data))));

    // Normalizing the same posting again changes nothing.
    expect(await store('lever', 'lv-1', job({ requisitionId: 'R-100', applyUrls: ['https://jobs.example/lever/abc/apply'], descriptionText: `${BODY} Apply today.` }))).toBe(original);
    expect((await repos.clusters.getById(original))?.listingCount).toBe(2);
  }, 60_000);

  it('compares with the data of a canonical listing stored before same-job documents', async () => {
    const remote = { workMode: 'hybrid' as const, title: 'Coding Auditor', requisitionId: null };
    const first = await store('greenhouse', 'gh-old', job({ ...remote, applyUrls: ['https://boards.example/gh/old/apply'] }));
    await database.db.updateTable('listing').set({ sameJob: null }).where('clusterId', '=', first).execute();
    const copy = await store('lever', 'lv-old', job({ ...remote, applyUrls: ['https://jobs.example/lever/old/apply'], descriptionText: `${BODY} Apply today.` }));
    const different = await store('indeed-xml', 'in-old', job({ ...remote, applyUrls: ['https://jobs.example/indeed/old'], descriptionText: 'Audit outpatient E/M coding for a physician group; CPC required; report findings to providers.' }));
    expect(copy).toBe(first);
    expect(different).not.toBe(first);
  }, 60_000);
});
