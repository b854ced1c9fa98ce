import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeListing, makeProfile } from '@himatch/testing';
import { parseSavedSearch, savedSearchMatches } from '@himatch/matcher';
import { MAX_SAVED_SEARCHES } from './routes/saved-searches.ts';
import { bearer, createTestApp, type TestApp } from './test-support.ts';

let h: TestApp;
beforeAll(async () => { h = await createTestApp(); }, 120_000);
afterAll(async () => { await h?.close(); }, 60_000);

const UUID = '00000000-0000-4000-8000-000000000000';
const path = (candidateId: string) => `/candidates/${candidateId}/saved-searches`;
const rows = (candidateId: string) => h.repos.savedSearches.listForCandidate(candidateId);
const post = (candidateId: string, key: string, payload: unknown) =>
  h.app.inject({ method: 'POST', url: path(candidateId), headers: bearer(key), payload: payload as Record<string, unknown> });
type Search = { id: string; name: string; query: Record<string, unknown>; createdAt: string };

describe('saved searches', () => {
  it('a candidate creates, lists and deletes its own; the matcher reads the stored filters', async () => {
    const created = await post(h.candidateId, h.keys.candidate, {
      name: '  Remote coding, TX  ', query: { role: 'coder_outpatient', credential: ['CPC', 'CCS'], state: ['TX'], remote: true, minPay: 30, payPeriod: 'hour' },
    });
    expect(created.statusCode).toBe(201);
    const search = created.json<Search>();
    // Hourly pay is stored annual, the way savedSearchMatches compares it; a single value becomes a list.
    expect(search).toMatchObject({ name: 'Remote coding, TX', query: { role: ['coder_outpatient'], credential: ['CPC', 'CCS'], state: ['TX'], remote: true, minPay: 62_400 } });
    const stored = parseSavedSearch((await rows(h.candidateId))[0]?.query);
    expect(stored).toEqual({ roles: ['coder_outpatient'], credentials: ['CPC', 'CCS'], states: ['TX'], remote: true, minAnnualPay: 62_400 });
    const remoteCoder = makeListing({
      role: 'coder_outpatient', workMode: 'remote', locations: [], remoteEligibleRegions: ['TX'],
      salary: { min: 31, max: 35, currency: 'USD', period: 'hour', annualMin: 64_480, annualMax: 72_800, provenance: 'structured' },
      credentials: { required: [{ anyOf: ['CPC'], eligibleAccepted: false, withinMonths: null, evidence: null }], preferred: [] },
    });
    expect(savedSearchMatches(remoteCoder, stored)).toBe(true);
    expect(savedSearchMatches({ ...remoteCoder, salary: { ...remoteCoder.salary!, annualMax: 60_000, annualMin: 55_000 } }, stored)).toBe(false);

    const listed = await h.app.inject({ url: path(h.candidateId), headers: bearer(h.keys.candidate) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ searches: [{ id: search.id, name: 'Remote coding, TX' }], max: MAX_SAVED_SEARCHES });

    const del = await h.app.inject({ method: 'DELETE', url: `${path(h.candidateId)}/${search.id}`, headers: bearer(h.keys.candidate) });
    expect(del.statusCode).toBe(204);
    expect(await rows(h.candidateId)).toEqual([]);
    expect((await h.app.inject({ method: 'DELETE', url: `${path(h.candidateId)}/${search.id}`, headers: bearer(h.keys.candidate) })).statusCode).toBe(404);
  });

  it('role boundaries: another candidate 404 with no side effect, operators reach all, recruiters 403, missing or revoked key 401', async () => {
    const theirs = (await post(h.otherCandidateId, h.keys.otherCandidate, { name: 'theirs', query: { state: 'OH' } })).json<Search>();
    expect(theirs.id).toBeDefined();

    expect((await h.app.inject({ url: path(h.otherCandidateId), headers: bearer(h.keys.candidate) })).statusCode).toBe(404);
    expect((await h.app.inject({ url: path(UUID), headers: bearer(h.keys.candidate) })).statusCode).toBe(404);
    expect((await post(h.otherCandidateId, h.keys.candidate, { name: 'sneaky', query: { state: 'TX' } })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'DELETE', url: `${path(h.otherCandidateId)}/${theirs.id}`, headers: bearer(h.keys.candidate) })).statusCode).toBe(404);
    // Their search id under my own candidate id is not mine either.
    expect((await h.app.inject({ method: 'DELETE', url: `${path(h.candidateId)}/${theirs.id}`, headers: bearer(h.keys.candidate) })).statusCode).toBe(404);
    expect((await rows(h.otherCandidateId)).map((r) => r.name)).toEqual(['theirs']);
    expect(await rows(h.candidateId)).toEqual([]);

    expect((await h.app.inject({ url: path(h.candidateId), headers: bearer(h.keys.recruiter) })).statusCode).toBe(403);
    expect((await post(h.candidateId, h.keys.recruiter, { name: 'r', query: { state: 'TX' } })).statusCode).toBe(403);
    expect((await h.app.inject({ url: path(h.candidateId) })).statusCode).toBe(401);
    expect((await post(h.candidateId, h.keys.revoked, { name: 'r', query: { state: 'TX' } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'DELETE', url: `${path(h.otherCandidateId)}/${theirs.id}` })).statusCode).toBe(401);
    expect(await rows(h.candidateId)).toEqual([]);

    const op = await post(h.candidateId, h.keys.operator, { name: 'by operator', query: { role: ['him_technician'] } });
    expect(op.statusCode).toBe(201);
    expect((await h.app.inject({ url: path(h.otherCandidateId), headers: bearer(h.keys.operator) })).json<{ searches: Search[] }>().searches).toHaveLength(1);
    expect((await h.app.inject({ method: 'DELETE', url: `${path(h.candidateId)}/${op.json<Search>().id}`, headers: bearer(h.keys.operator) })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'DELETE', url: `${path(h.otherCandidateId)}/${theirs.id}`, headers: bearer(h.keys.operator) })).statusCode).toBe(204);
  });

  it.each([
    [{ name: 'x', query: { state: 'TX', region: 'TX' } }, 'query.region'],
    [{ name: 'x', query: { state: 'TX' }, owner: 'me' }, 'owner'],
    [{ name: 'x', query: { minPay: 'lots' } }, 'query.minPay'],
    [{ name: 'x', query: { minPay: -1 } }, 'query.minPay'],
    [{ name: 'x', query: { role: ['astronaut'] } }, 'query.role.0'],
    [{ name: 'x', query: { credential: "CPC' OR 1=1 --" } }, 'query.credential.0'],
    [{ name: 'x', query: { state: ['tx'] } }, 'query.state.0'],
    [{ name: 'x', query: { remote: 'perhaps' } }, 'query.remote'],
    [{ name: 'x', query: {} }, 'query'],
    [{ name: 'x', query: { role: [], payPeriod: 'hour' } }, 'query'],
    [{ name: 'x', query: { state: Array.from({ length: 61 }, () => 'TX') } }, 'query.state'],
    [{ name: '<script>alert(1)</script>', query: { state: 'TX' } }, 'name'],
    [{ name: '   ', query: { state: 'TX' } }, 'name'],
    [{ name: 'n'.repeat(101), query: { state: 'TX' } }, 'name'],
    [{ query: { state: 'TX' } }, 'name'],
    [{ name: 'x' }, 'query'],
  ])('bad input %j answers 400 naming %s, and writes nothing', async (payload, field) => {
    const res = await post(h.candidateId, h.keys.candidate, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', field });
    expect(await rows(h.candidateId)).toEqual([]);
  });

  it(`a candidate keeps at most ${MAX_SAVED_SEARCHES}: the next one answers 409 and is not written`, async () => {
    for (let i = 0; i < MAX_SAVED_SEARCHES - 1; i++) {
      await h.repos.savedSearches.create({ candidateId: h.candidateId, ownerKeyId: null, name: `s${i}`, query: { state: 'TX' } });
    }
    expect((await post(h.candidateId, h.keys.candidate, { name: 'last', query: { state: 'CA' } })).statusCode).toBe(201);
    const over = await post(h.candidateId, h.keys.candidate, { name: 'one too many', query: { state: 'OH' } });
    expect(over.statusCode).toBe(409);
    expect(over.json<{ message: string }>().message).toContain(`at most ${MAX_SAVED_SEARCHES}`);
    expect(await rows(h.candidateId)).toHaveLength(MAX_SAVED_SEARCHES);
    // Other candidates are not counted against this one.
    expect((await post(h.otherCandidateId, h.keys.otherCandidate, { name: 'mine', query: { state: 'OH' } })).statusCode).toBe(201);
  });

  it('concurrent creates cannot pass the limit together (the candidate row is locked while counting)', async () => {
    const { id } = await h.repos.candidates.create(makeProfile());
    for (let i = 0; i < MAX_SAVED_SEARCHES - 2; i++) {
      await h.repos.savedSearches.create({ candidateId: id, ownerKeyId: null, name: `s${i}`, query: { state: 'TX' } });
    }
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      h.repos.savedSearches.createForCandidate({ candidateId: id, ownerKeyId: null, name: `race${i}`, query: { state: 'CA' } }, MAX_SAVED_SEARCHES)));
    expect(results.filter(Boolean)).toHaveLength(2);
    expect(await rows(id)).toHaveLength(MAX_SAVED_SEARCHES);
  });

  it('the routes and their schemas appear in the OpenAPI document', async () => {
    const doc = (await h.app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(Object.keys(doc.paths['/candidates/{id}/saved-searches'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(JSON.stringify(doc.paths['/candidates/{id}/saved-searches']?.post?.requestBody)).toContain('minPay');
    expect(doc.paths['/candidates/{id}/saved-searches/{searchId}']?.delete).toBeDefined();
  });
});
