import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@himatch/core';
import { createTestDatabase, makeListing, makeProfile, type TestDatabase } from '@himatch/testing';
import { createRepositories, type Repositories } from './index.ts';

let t: TestDatabase;
let r: Repositories;
let listingIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  r = createRepositories(t.db);
  const { id: sourceId } = await r.sources.create({ kind: 'icims', name: 'people' });
  listingIds = [];
  for (const externalId of ['a', 'b', 'c']) {
    const data = makeListing({ title: `Coder ${externalId}` });
    listingIds.push((await r.listings.upsert({ sourceId, externalId, rawPostingId: null, contentHash: contentHash(data), data, runId: null })).id);
  }
});
afterAll(() => t.drop());

describe('CandidateRepository', () => {
  it('stores a profile and pages candidates for matching', async () => {
    const profile = makeProfile({ name: 'Pat' });
    const created = await r.candidates.create(profile, 'ext-1');
    expect((await r.candidates.getByExternalRef('ext-1'))?.profile).toEqual(profile);
    const updated = await r.candidates.updateProfile(created.id, { ...profile, radiusMiles: 10 });
    expect(updated?.profile.radiusMiles).toBe(10);
    const other = await r.candidates.create(makeProfile());
    const all = await r.candidates.listForMatching(10);
    expect(all.map((c) => c.id)).toEqual([created.id, other.id].sort());
    expect(await r.candidates.listForMatching(10, all[0]!.id)).toHaveLength(1);
    expect(await r.candidates.delete(other.id)).toBe(true);
  });
});

describe('MatchRepository', () => {
  it('upserts matches and lists them best first, open listings only', async () => {
    const { id: candidateId } = await r.candidates.create(makeProfile());
    const checks = [{ requirement: 'credential', status: 'met' }];
    expect(await r.matches.upsertMany(listingIds.map((listingId, i) => ({ candidateId, listingId, score: 0.5 + i / 10, eligibility: 'eligible', explanation: checks })))).toBe(3);
    await r.matches.upsertMany([{ candidateId, listingId: listingIds[0]!, score: 0.95, eligibility: 'conditional', explanation: [] }]);

    const listed = await r.matches.listForCandidate(candidateId);
    expect(listed.map((m) => [m.title, m.score])).toEqual([['Coder a', 0.95], ['Coder c', 0.7], ['Coder b', 0.6]]);
    expect(listed[1]?.explanation).toEqual(checks);

    await t.db.updateTable('listing').set({ status: 'closed' }).where('id', '=', listingIds[2]!).execute();
    expect((await r.matches.listForCandidate(candidateId, { minScore: 0.55 })).map((m) => m.title)).toEqual(['Coder a', 'Coder b']);
    expect(await r.matches.listForCandidate(candidateId, { includeClosed: true })).toHaveLength(3);
    await t.db.updateTable('listing').set({ status: 'open' }).where('id', '=', listingIds[2]!).execute();
  });
});

describe('AlertOutboxRepository', () => {
  it('enqueues each (candidate, listing) at most once, also concurrently', async () => {
    const { id: candidateId } = await r.candidates.create(makeProfile());
    const alert = { candidateId, listingId: listingIds[0]!, score: 0.9 };
    const counts = await Promise.all([1, 2, 3, 4].map(() => r.alerts.enqueue([alert])));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await r.alerts.enqueue([alert, { ...alert, listingId: listingIds[1]! }])).toBe(1);

    const pending = (await r.alerts.listPending(10)).filter((a) => a.candidateId === candidateId);
    expect(pending).toHaveLength(2);
    await r.alerts.markDelivered(pending[0]!.id);
    await r.alerts.markFailed(pending[1]!.id, 'smtp down', 2);
    expect((await r.alerts.listPending(10)).map((a) => a.id)).toEqual([pending[1]!.id]);
    await r.alerts.markFailed(pending[1]!.id, 'smtp down', 2);
    expect(await r.alerts.listPending(10)).toEqual([]);
    // Delivered stays delivered: a second enqueue after delivery does not resend.
    expect(await r.alerts.enqueue([alert])).toBe(0);
  });
});

describe('ApiKeyRepository', () => {
  it('finds active keys by hash and never returns the hash', async () => {
    const hash = createHash('sha256').update('hm_secret_1').digest('hex');
    const key = await r.apiKeys.create({ prefix: 'hm_secr', hash, role: 'recruiter', label: 'ci' });
    expect(key).not.toHaveProperty('hash');
    expect((await r.apiKeys.findByHash(hash))?.id).toBe(key.id);
    await r.apiKeys.touchLastUsed(key.id);
    expect((await r.apiKeys.list())[0]?.lastUsedAt).toBeInstanceOf(Date);
    expect(await r.apiKeys.revoke(key.id)).toBe(true);
    expect(await r.apiKeys.revoke(key.id)).toBe(false);
    expect(await r.apiKeys.findByHash(hash)).toBeUndefined();
    await expect(r.apiKeys.create({ prefix: 'hm_x', hash: 'h', role: 'admin' as never })).rejects.toThrow(/api_key_role_check/);
  });
});

describe('ClusterRepository', () => {
  it('merges apply links by fingerprint and keeps listing counts right', async () => {
    const c1 = await r.clusters.upsertByFingerprint('fp-1', ['https://a/apply'], listingIds[0]!);
    const again = await r.clusters.upsertByFingerprint('fp-1', ['https://b/apply', 'https://a/apply'], listingIds[1]!);
    expect(again).toMatchObject({ id: c1.id, canonicalListingId: listingIds[0], applyUrls: ['https://a/apply', 'https://b/apply'] });

    expect((await r.clusters.attachListing(listingIds[0]!, c1.id))?.listingCount).toBe(1);
    expect((await r.clusters.attachListing(listingIds[0]!, c1.id))?.listingCount).toBe(1);
    expect((await r.clusters.attachListing(listingIds[1]!, c1.id))?.listingCount).toBe(2);

    const c2 = await r.clusters.upsertByFingerprint('fp-2', [], null);
    expect((await r.clusters.attachListing(listingIds[1]!, c2.id))?.listingCount).toBe(1);
    expect((await r.clusters.getById(c1.id))?.listingCount).toBe(1);
    expect((await r.listings.getById(listingIds[1]!))?.clusterId).toBe(c2.id);
  });
});
