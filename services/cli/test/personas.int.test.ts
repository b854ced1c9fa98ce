import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateProfileSchema, type CandidateProfile, type CandidateProfileInput } from '@himatch/core';
import { rankListings, type ListingWithId, type MatchResult } from '@himatch/matcher';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@himatch/testing';
import { loadOpenListings } from '../src/stored-listings.ts';
import { createStack, type Stack, type TruthRef } from './stack.ts';

// The sample boards crawled end to end by the real services, then the stored listings ranked
// for four personas and checked against the boards' ground truth (what each posting really
// requires), not against what the normalizer read: a wrong credential either side fails here.

interface TruthGroup { anyOf: string[]; eligibleAccepted: boolean; withinMonths: number | null }
interface PostingTruth {
  id: string; title: string; employer: string; refs: TruthRef[];
  truth: { isHit: boolean; requiredCredentials: TruthGroup[]; minYears: number | null; federal: { title32: boolean } | null };
}

let database: TestDatabase;
let redis: TestRedis;
let stack: Stack;
let listings: ListingWithId[];
/** listing id -> the truth of the posting it came from. */
const truthOf = new Map<string, PostingTruth>();

// Home in the middle of the country with the widest radius, so distance never decides here.
const HOME = { city: 'Salina', region: 'KS', postalCode: '67401', lat: 38.84, lon: -97.61 };
const persona = (input: CandidateProfileInput): CandidateProfile =>
  candidateProfileSchema.parse({ home: HOME, radiusMiles: 5000, ...input });

const PERSONAS = {
  graduate: persona({ education: [{ level: 'associate', field: 'hit', cahiimAccredited: true, completed: true, date: '2026-05-15' }] }),
  cpc: persona({ education: [{ level: 'high_school' }], credentials: [{ id: 'CPC' }], experience: [{ area: 'coder_profee', years: 3 }] }),
  rhia: persona({ education: [{ level: 'bachelor', field: 'him', cahiimAccredited: true }], credentials: [{ id: 'RHIA' }], experience: [{ area: 'coder_inpatient', years: 6 }] }),
  airman: persona({ education: [{ level: 'high_school' }], military: { member: true, branch: 'air_national_guard' }, experience: [{ area: 'military_records', years: 3 }] }),
};

/** Credentials a holder is credited for per hit-reference §1.5 (held one plus the rules it satisfies). */
const SATISFIES: Record<'CPC' | 'RHIA', string[]> = { CPC: ['CPC', 'CCA', 'COC'], RHIA: ['RHIA', 'RHIT'] };

const groups = (id: string) => truthOf.get(id)!.truth.requiredCredentials;
const rank = (p: CandidateProfile): MatchResult[] => rankListings(p, listings, { limit: listings.length }).results;
const ids = (results: MatchResult[], eligibility: MatchResult['eligibility']) => results.filter((r) => r.eligibility === eligibility).map((r) => r.listingId);

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  stack = await createStack({ databaseUrl: database.url, redisUrl: redis.url, prefix: redis.prefix, count: 240 });
  await stack.startBoards(0);
  stack.start('crawler');
  stack.start('normalizer');
  stack.start('matcher');
  await stack.crawlAll(240_000);
  const truth = (await (await fetch(`${stack.boardsUrl}/_truth`)).json()) as { postings: PostingTruth[] };
  const boardName = new Map((await stack.boards()).map((b) => [(b as unknown as { key: string }).key, b.name]));
  const byRef = new Map(truth.postings.flatMap((p) => p.refs.map((r) => [`${boardName.get(r.board)}|${r.externalId}`, p] as const)));
  const rows = await stack.db.selectFrom('listing').innerJoin('source', 'source.id', 'listing.sourceId')
    .select(['listing.id', 'source.name', 'listing.externalId']).where('listing.status', '=', 'open').execute();
  for (const row of rows) {
    const posting = byRef.get(`${row.name}|${row.externalId}`);
    if (posting) truthOf.set(row.id, posting);
  }
  listings = (await loadOpenListings(stack.repos)).filter((l) => truthOf.has(l.id));
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await redis?.cleanup();
  await database?.drop();
});

describe('personas on the crawled sample boards', () => {
  it('every stored listing traces back to a true HIT posting', () => {
    expect(listings.length).toBeGreaterThan(100);
    expect(listings.every((l) => truthOf.get(l.id)!.truth.isHit)).toBe(true);
  });

  it('ranks eligible above conditional above ineligible for every persona', () => {
    const tier = { eligible: 2, conditional: 1, ineligible: 0 };
    for (const p of Object.values(PERSONAS)) {
      const tiers = rank(p).map((r) => tier[r.eligibility]);
      expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
      expect(new Set(tiers).size).toBeGreaterThan(1);
    }
  });

  it('new graduate (AAS HIT, CAHIIM, RHIT-eligible): eligible only where nothing is asked or RHIT-eligible is accepted, with no years asked', () => {
    const eligible = ids(rank(PERSONAS.graduate), 'eligible');
    expect(eligible.length).toBeGreaterThan(0);
    for (const id of eligible) {
      expect(groups(id).every((g) => g.anyOf.includes('RHIT') && g.eligibleAccepted), truthOf.get(id)!.title).toBe(true);
      expect(truthOf.get(id)!.truth.minYears ?? 0, truthOf.get(id)!.title).toBe(0);
    }
    const rhitEligible = listings.filter((l) => groups(l.id).length > 0 && groups(l.id).every((g) => g.anyOf.includes('RHIT') && g.eligibleAccepted) && !truthOf.get(l.id)!.truth.minYears);
    for (const l of rhitEligible) expect(eligible.includes(l.id) || ids(rank(PERSONAS.graduate), 'conditional').includes(l.id), l.title).toBe(true);
  });

  it('CPC with 3 years pro-fee: every eligible listing asks for nothing a CPC lacks; RHIT/RHIA/CCS-only listings never are', () => {
    const results = rank(PERSONAS.cpc);
    const eligible = ids(results, 'eligible');
    expect(eligible.length).toBeGreaterThan(0);
    for (const id of eligible) {
      expect(groups(id).every((g) => g.anyOf.some((c) => SATISFIES.CPC.includes(c))), truthOf.get(id)!.title).toBe(true);
      expect(truthOf.get(id)!.truth.minYears ?? 0).toBeLessThanOrEqual(3);
    }
    const closed = listings.filter((l) => groups(l.id).some((g) => g.anyOf.every((c) => ['RHIT', 'RHIA', 'CCS'].includes(c))));
    expect(closed.length).toBeGreaterThan(0);
    for (const l of closed) expect(eligible.includes(l.id), l.title).toBe(false);
  });

  it('RHIA with 6 years inpatient: eligible listings ask only for RHIA/RHIT-satisfiable groups; CPC- or CCS-only ones are not eligible', () => {
    const eligible = ids(rank(PERSONAS.rhia), 'eligible');
    expect(eligible.length).toBeGreaterThan(0);
    for (const id of eligible) expect(groups(id).every((g) => g.anyOf.some((c) => SATISFIES.RHIA.includes(c))), truthOf.get(id)!.title).toBe(true);
    const closed = listings.filter((l) => groups(l.id).some((g) => g.anyOf.every((c) => ['CPC', 'CCS', 'COC', 'CCS-P'].includes(c))));
    for (const l of closed) expect(eligible.includes(l.id), l.title).toBe(false);
  });

  it('ANG member with records experience and no certification: ANG Title 32 jobs are open, nothing needing a certification is eligible', () => {
    const results = rank(PERSONAS.airman);
    const open = new Set([...ids(results, 'eligible'), ...ids(results, 'conditional')]);
    const ang = listings.filter((l) => truthOf.get(l.id)!.truth.federal?.title32 && /air national guard|\bANG\b/i.test(`${truthOf.get(l.id)!.employer} ${truthOf.get(l.id)!.title}`));
    expect(ang.length).toBeGreaterThan(0);
    for (const l of ang) expect(open.has(l.id), l.title).toBe(true);
    for (const id of ids(results, 'eligible')) expect(groups(id), truthOf.get(id)!.title).toEqual([]);
  });
});
