import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '@himatch/core';
import { createTestDatabase, createTestRedis, makeListing, makeProfile, type TestDatabase, type TestRedis } from '@himatch/testing';
import { evaluateListing } from '@himatch/matcher';
import { createStack, type Stack } from './stack.ts';

// Alerts through the real matcher process, real Redis and Postgres, and a webhook receiver on
// 127.0.0.1 that checks every signature and can answer 500 a given number of times.

const SECRET = 'test-secret-0123456789abcdef';
const DALLAS = { city: 'Dallas', region: 'TX', postalCode: '75201', lat: 32.78, lon: -96.8 };

interface Delivery { deliveryId: string; body: Record<string, unknown>; signatureOk: boolean }

let database: TestDatabase;
let redis: TestRedis;
let stack: Stack;
let server: Server;
const deliveries: Delivery[] = [];
/** listing title -> how many more requests to answer with 500. */
const failures = new Map<string, number>();
let sourceId: string;
const candidates: Record<string, string> = {};

function verify(raw: string, header: string | undefined): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', SECRET).update(`${match[1]}.${raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

async function startReceiver(): Promise<number> {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      deliveries.push({ deliveryId: String(req.headers['x-himatch-delivery']), body, signatureOk: verify(raw, req.headers['x-himatch-signature'] as string | undefined) });
      const left = failures.get(String(body.title)) ?? 0;
      failures.set(String(body.title), left - 1);
      res.statusCode = left > 0 ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    const matcher = stack.services.get('matcher');
    if (matcher && matcher.child.exitCode !== null) throw new Error(`matcher died:\n${matcher.tail.join('\n')}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stores a listing (new or changed) and runs match.listing for it; resolves when that job finished. */
async function publish(externalId: string, listing: Listing, hash: string): Promise<string> {
  const { id } = await stack.repos.listings.upsert({ sourceId, externalId, rawPostingId: null, contentHash: hash, data: listing, runId: null });
  const jobId = await stack.producer.enqueue('match.listing', { listingId: id, contentHash: hash });
  await until(`match.listing ${jobId}`, async () => (await stack.redis.hget(`${redis.prefix}:matcher:${jobId}`, 'finishedOn')) !== null);
  return id;
}

const alertRows = (listingId: string) => stack.db.selectFrom('alertOutbox').selectAll().where('listingId', '=', listingId).execute();

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  const port = await startReceiver();
  stack = await createStack({ databaseUrl: database.url, redisUrl: redis.url, prefix: redis.prefix, count: 10 });
  sourceId = (await stack.repos.sources.create({ kind: 'rss', name: 'alerts-test' })).id;
  candidates.rhit = (await stack.repos.candidates.create(makeProfile({ home: DALLAS }))).id;
  candidates.picky = (await stack.repos.candidates.create(makeProfile({ home: DALLAS, alertThreshold: 1 }))).id;
  candidates.searcher = (await stack.repos.candidates.create(makeProfile({ home: DALLAS, alertThreshold: 1, desiredRoles: ['cdi_specialist'] }))).id;
  await stack.repos.savedSearches.create({ candidateId: candidates.searcher, ownerKeyId: null, name: 'TX records', query: { role: 'him_technician', state: 'TX' } });
  stack.start('matcher', {
    PROFILE_INDEX_TTL_MS: '0', ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/himatch`, ALERT_WEBHOOK_SECRET: SECRET,
    ALERT_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port}`, ALERT_RETRY_DELAY_MS: '200',
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => server?.close(r));
  await redis?.cleanup();
  await database?.drop();
});

describe('alerts', () => {
  it('a matching listing is delivered once, signed; reprocessing or a changed version does not alert again', async () => {
    const listing = makeListing({ title: 'HIM Technician (Dallas)' });
    const listingId = await publish('L1', listing, 'h1');
    const got = await until('the delivery', async () => {
      const mine = deliveries.filter((d) => d.body.listingId === listingId);
      return mine.length >= 2 ? mine : false;
    });
    // The eligible RHIT candidate by profile, the picky one never, the searcher through the saved search.
    expect(got.map((d) => d.body.candidateId).sort()).toEqual([candidates.rhit, candidates.searcher].sort());
    expect(got.every((d) => d.signatureOk)).toBe(true);
    const rhit = got.find((d) => d.body.candidateId === candidates.rhit)!;
    expect(rhit.body).toMatchObject({ listingId, title: 'HIM Technician (Dallas)', employer: 'Riverside General Hospital', eligibility: 'eligible', url: 'https://jobs.example.org/req-1001/apply' });
    expect(rhit.body.summary).toMatch(/^Eligible: /);
    expect(Object.keys(rhit.body).sort()).toEqual(['candidateId', 'deliveryId', 'eligibility', 'employer', 'listingId', 'savedSearchId', 'score', 'summary', 'title', 'url']);
    const rows = await until('delivered rows', async () => {
      const r = await alertRows(listingId);
      return r.length === 2 && r.every((a) => a.status === 'delivered') ? r : false;
    });
    expect(rows.map((r) => r.id).sort()).toEqual(got.map((d) => d.deliveryId).sort());
    expect(rows.find((r) => r.candidateId === candidates.searcher)?.savedSearchId).not.toBeNull();

    await publish('L1', { ...listing, title: 'HIM Technician II (Dallas)' }, 'h2');
    const counts = await until('the alerts queue to drain', async () => {
      const waiting = await stack.redis.llen(`${redis.prefix}:alerts:wait`);
      const delayed = await stack.redis.zcard(`${redis.prefix}:alerts:delayed`);
      const active = await stack.redis.llen(`${redis.prefix}:alerts:active`);
      return waiting + delayed + active === 0 ? { waiting } : false;
    });
    expect(counts.waiting).toBe(0);
    expect(deliveries.filter((d) => d.body.listingId === listingId)).toHaveLength(2);
    expect(await alertRows(listingId)).toHaveLength(2);
  }, 120_000);

  it('a receiver that answers 500 twice gets the alert on the third attempt', async () => {
    const listing = makeListing({ title: 'Release of Information Specialist', role: 'roi_specialist', fingerprint: 'roi|dallas' });
    failures.set(listing.title, 2);
    const listingId = await publish('L2', listing, 'r1');
    const rows = await alertRows(listingId);
    expect(rows).toHaveLength(1);
    const row = rows.find((r) => r.candidateId === candidates.rhit)!;
    expect(row).toBeDefined();
    const delivered = await until('delivery after retries', async () => {
      const r = await stack.db.selectFrom('alertOutbox').selectAll().where('id', '=', row.id).executeTakeFirst();
      return r?.status === 'delivered' ? r : false;
    });
    const attempts = deliveries.filter((d) => d.deliveryId === row.id);
    expect(attempts).toHaveLength(3);
    expect(attempts.every((d) => d.signatureOk)).toBe(true);
    expect(delivered.attempts).toBe(3);
    expect(delivered.lastError).toBeNull();
  }, 120_000);

  it('an ineligible listing or one below every threshold does not alert', async () => {
    const ccs = makeListing({
      title: 'Inpatient Coder', role: 'coder_inpatient', fingerprint: 'coder|dallas',
      credentials: { required: [{ anyOf: ['CCS'], eligibleAccepted: false, withinMonths: null, evidence: 'CCS required' }], preferred: [] },
    });
    const ineligible = await publish('L3', ccs, 'c1');
    const far = makeListing({ title: 'HIM Technician (El Paso)', fingerprint: 'him|el paso', locations: [{ city: 'El Paso', region: 'TX', postalCode: '79901', country: 'US', lat: 31.76, lon: -106.49 }] });
    const outOfReach = await publish('L4', far, 'f1');
    const conditional = makeListing({
      title: 'HIM Technician (conditional)', fingerprint: 'him|conditional', employmentType: 'per_diem', salary: null, skills: ['Cerner', 'Meditech', 'SQL'],
      experience: { minYears: 2.5, specialties: [] }, postedAt: '2025-01-01T00:00:00.000Z',
    });
    const verdict = evaluateListing(makeProfile({ home: DALLAS }), { ...conditional, id: 'x' });
    expect(verdict.eligibility).toBe('conditional');
    expect(verdict.score).toBeLessThan(0.6);
    const low = await publish('L5', conditional, 'k1');
    expect(await alertRows(ineligible)).toEqual([]);
    expect(await alertRows(outOfReach)).toEqual([]);
    // Conditional under 0.6 for the RHIT candidate: no alert. The saved search asked for it, so its owner gets one.
    const stored = await stack.db.selectFrom('alertOutbox').select('candidateId').where('listingId', '=', low).execute();
    expect(stored.map((r) => r.candidateId)).toEqual([candidates.searcher]);
    expect(deliveries.some((d) => d.body.listingId === ineligible || d.body.listingId === outOfReach)).toBe(false);
  }, 120_000);
});
