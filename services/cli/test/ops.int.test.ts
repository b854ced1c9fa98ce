import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '@himatch/db';
import { createTestDatabase, createTestRedis, makeListing, type TestDatabase, type TestRedis } from '@himatch/testing';
import { gapAnalysis, matchDocument, plausibleFilter, rankListings } from '@himatch/matcher';
import { candidateProfileSchema } from '@himatch/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sameJobDoc } from '@himatch/normalizer';
import { columnStarts, runCli, type CliResult } from './ops-cli.ts';

// Every operator/recruiter command as a real child process: output, exit codes, database effects.

let database: TestDatabase;
let redis: TestRedis;
let repos: Repositories;
let env: Record<string, string>;
const cli = (...args: string[]): Promise<CliResult> => runCli(env, args);
const json = <T>(r: CliResult): T => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  repos = createRepositories(database.db);
  env = { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix };
});

afterAll(async () => {
  await redis?.cleanup();
  await database?.drop();
});

describe('himatch sources', () => {
  it('refuses a bad config, cron, kind or flag with exit 2 naming it, and adds nothing', async () => {
    const bad = await cli('sources', 'add', '--kind', 'greenhouse', '--name', 'acme', '--config', '{}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/config\.boardToken/);
    const cases: [string[], RegExp][] = [
      [['sources', 'add', '--kind', 'greenhouse', '--name', 'acme', '--config', '{"boardToken":"acme"}', '--cron', '61 * * * *'], /--cron "61 \* \* \* \*" is not a valid cron pattern/],
      [['sources', 'add', '--kind', 'monster', '--name', 'acme', '--config', '{}'], /--kind must be one of/],
      [['sources', 'add', '--kind', 'greenhouse', '--name', 'acme', '--config', '{not json'], /--config is not valid JSON/],
      [['sources', 'add', '--kind', 'greenhouse', '--name', 'acme', '--config', '@/nonexistent/file.json'], /--config: cannot read/],
      [['sources', 'add', '--kind', 'greenhouse', '--name', 'acme', '--config', '{"boardToken":"acme"}', '--bogus'], /'--bogus'/],
      [['sources', 'list', '--cron', '0 * * * *'], /--cron is not an option of "himatch sources list"/],
      [['sources', 'frobnicate'], /unknown subcommand "sources frobnicate"/],
      [['sources', 'show', 'no-such-source'], /no source "no-such-source"/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
    }
    expect(await repos.sources.list()).toEqual([]);
  }, 300_000);

  it('adds, lists, shows, edits, pauses, resumes and deletes, asking the scheduler to reconcile', async () => {
    const subscriber = redis.connection();
    const requests: string[] = [];
    subscriber.on('message', (channel: string) => requests.push(channel));
    await subscriber.subscribe(`${redis.prefix}:scheduler:reconcile`);

    const added = await cli('sources', 'add', '--kind', 'greenhouse', '--name', 'acme', '--config', '{"boardToken":"acme"}', '--cron', '0 */6 * * *');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/added source acme .*scheduled "0 \*\/6 \* \* \*"/);
    const row = await repos.sources.getByName('acme');
    expect(row).toMatchObject({ kind: 'greenhouse', cron: '0 */6 * * *', enabled: true, config: { boardToken: 'acme', baseUrl: 'https://boards-api.greenhouse.io' } });
    expect((await cli('sources', 'add', '--kind', 'lever', '--name', 'acme', '--config', '{"site":"x"}')).stderr).toMatch(/--name: a source named "acme" exists/);
    expect((await cli('sources', 'add', '--kind', 'lever', '--name', 'lever-board', '--config', '{"site":"acme"}')).code).toBe(0);

    const table = (await cli('sources', 'list')).stdout.trimEnd().split('\n');
    const [kindAt, cronAt] = columnStarts(table[0]!, ['kind', 'cron']);
    const acmeLine = table.find((l) => l.startsWith('acme '))!;
    expect(acmeLine.indexOf('greenhouse')).toBe(kindAt);
    expect(acmeLine.indexOf('0 */6 * * *')).toBe(cronAt);
    const listed = json<{ name: string; nextRunAt: string | null }[]>(await cli('sources', 'list', '--json'));
    expect(listed.map((s) => s.name)).toEqual(['acme', 'lever-board']);
    expect(listed[0]!.nextRunAt).not.toBeNull();

    const shown = await cli('sources', 'show', row!.id);
    expect(shown.stdout).toMatch(/^name +acme$/m);
    expect(shown.stdout).toMatch(/^cron +0 \*\/6 \* \* \*$/m);

    const badEdit = await cli('sources', 'edit', 'acme', '--config', '{"boardToken":""}');
    expect(badEdit.code).toBe(2);
    expect(badEdit.stderr).toMatch(/config\.boardToken/);
    expect((await cli('sources', 'edit', 'acme', '--cron', '30 2 * * *')).code).toBe(0);
    expect((await repos.sources.getById(row!.id))?.cron).toBe('30 2 * * *');
    expect((await cli('sources', 'edit', 'acme', '--cron', '1 * * * *', '--no-cron')).stderr).toMatch(/--cron and --no-cron exclude each other/);
    expect((await cli('sources', 'edit', 'acme', '--no-cron', '--config', '{"boardToken":"acme2"}')).code).toBe(0);
    expect(await repos.sources.getById(row!.id)).toMatchObject({ cron: null, config: { boardToken: 'acme2' } });

    expect((await cli('sources', 'pause', 'acme')).stdout).toMatch(/paused source acme/);
    expect((await repos.sources.getById(row!.id))?.enabled).toBe(false);
    expect((await cli('sources', 'list')).stdout).toMatch(/^acme +greenhouse +paused/m);
    expect((await cli('sources', 'resume', row!.id)).code).toBe(0);
    expect((await repos.sources.getById(row!.id))?.enabled).toBe(true);
    expect((await cli('sources', 'delete', 'lever-board')).code).toBe(0);
    expect(await repos.sources.getByName('lever-board')).toBeUndefined();

    // add, add, edit, edit(ok), pause, resume, delete: one request per successful change.
    await expect.poll(() => requests.length, { timeout: 10_000 }).toBe(7);
  }, 300_000);
});

describe('himatch crawl and runs', () => {
  it('starts a run per source and enqueues crawl.source; runs lists it; runs show lists its failures', async () => {
    const source = await repos.sources.create({ kind: 'greenhouse', name: 'crawl-board', config: { boardToken: 'crawl-board' }, cron: null, enabled: true, politeness: {} });
    const started = json<{ runs: { runId: string; sourceId: string }[] }>(await cli('crawl', 'crawl-board', '--json'));
    expect(started.runs).toHaveLength(1);
    const runId = started.runs[0]!.runId;
    expect(await repos.crawlRuns.get(runId)).toMatchObject({ sourceId: source.id, status: 'running' });
    // The job as BullMQ stored it (hash <prefix>:<queue>:<jobId>).
    const job = await redis.connection().hgetall(`${redis.prefix}:crawler:crawl.source_${runId}`);
    expect(job['name']).toBe('crawl.source');
    expect(JSON.parse(job['data'] ?? 'null')).toEqual({ sourceId: source.id, runId });

    expect((await cli('crawl')).stderr).toMatch(/name at least one SOURCE/);
    expect((await cli('crawl', 'crawl-board', '--all')).stderr).toMatch(/not both/);
    expect((await cli('crawl', 'crawl-board', '--timeout', '5')).stderr).toMatch(/--timeout only applies with --wait/);
    await repos.sources.setEnabled(source.id, false);
    expect((await cli('crawl', 'crawl-board')).stderr).toMatch(/source crawl-board is paused/);
    await repos.sources.setEnabled(source.id, true);

    await repos.crawlLedger.recordFailure({ runId, sourceId: source.id, url: 'https://boards-api.greenhouse.io/v1/boards/acme/jobs/7', externalId: '7', reason: 'http_404: gone' });
    await repos.crawlRuns.finish(runId, { status: 'partial', complete: true, error: 'one posting failed' });

    const history = json<{ id: string; source: string; status: string }[]>(await cli('runs', '--source', 'crawl-board', '--json'));
    expect(history).toEqual([expect.objectContaining({ id: runId, source: 'crawl-board', status: 'partial' })]);
    const text = await cli('runs', '--limit', '5');
    expect(text.stdout).toMatch(new RegExp(`crawl-board +partial .*${runId}`));
    expect(text.stdout).toMatch(/one posting failed/);
    expect((await cli('runs', '--limit', '0')).stderr).toMatch(/--limit must be a whole number from 1 to 1000/);

    const show = await cli('runs', 'show', runId);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/partial, complete; manual/);
    expect(show.stdout).toMatch(/jobs\/7 +7 +http_404: gone/);
    const shown = json<{ failures: { reason: string }[] }>(await cli('runs', 'show', runId, '--json'));
    expect(shown.failures.map((f) => f.reason)).toEqual(['http_404: gone']);
    expect((await cli('runs', 'show', '00000000-0000-4000-8000-000000000000')).stderr).toMatch(/no crawl run/);

    // No crawler runs in this test: --wait says so, then gives up at its timeout with exit 1.
    const waited = await cli('crawl', 'crawl-board', '--wait', '--timeout', '4');
    expect(waited.code).toBe(1);
    expect(waited.stderr).toMatch(/nothing has moved for 2 s: is a crawler running/);
    expect(waited.stderr).toMatch(/runs not finished after 4 s/);
    expect(waited.stdout).toMatch(/crawl-board +running/);
  }, 300_000);
});

describe('himatch search', () => {
  it('finds stored listings by words and filters and prints an aligned table', async () => {
    const source = await repos.sources.create({ kind: 'lever', name: 'search-board', config: { site: 'search-board' }, cron: null, enabled: true, politeness: {} });
    const put = (externalId: string, overrides: Parameters<typeof makeListing>[0]) =>
      repos.listings.upsert({ sourceId: source.id, externalId, rawPostingId: null, contentHash: `h-${externalId}`, data: makeListing(overrides), runId: null });
    await put('1', { title: 'Outpatient Coder', role: 'coder_outpatient', employer: 'Dallas Clinic' });
    await put('2', { title: 'Medical Records Technician', employer: 'Austin Health', locations: [{ city: 'Austin', region: 'TX', postalCode: null, country: 'US', lat: null, lon: null }] });
    await put('3', { title: 'Release of Information Specialist', role: 'roi_specialist', employer: 'Boise Records', locations: [{ city: 'Boise', region: 'ID', postalCode: null, country: 'US', lat: null, lon: null }],
      salary: { min: 60000, max: 70000, currency: 'USD', period: 'year', annualMin: 60000, annualMax: 70000, provenance: 'structured' } });

    const coder = json<{ items: { title: string }[] }>(await cli('search', 'coder', '--json'));
    expect(coder.items.map((i) => i.title)).toEqual(['Outpatient Coder']);
    const idaho = json<{ items: { title: string }[] }>(await cli('search', '--state', 'id', '--json'));
    expect(idaho.items.map((i) => i.title)).toEqual(['Release of Information Specialist']);
    // $28/h × 2080 = $58,240 a year: only the $60–70k listing reaches it.
    const paid = json<{ items: { title: string }[]; search: { minAnnualPay: number } }>(await cli('search', '--min-pay', '28', '--pay-period', 'hour', '--json'));
    expect(paid.search.minAnnualPay).toBe(58_240);
    expect(paid.items.map((i) => i.title)).toEqual(['Release of Information Specialist']);

    const table = (await cli('search', '--limit', '10')).stdout.split('\n');
    const starts = columnStarts(table[0]!, ['employer', 'role', 'place', 'pay', 'posted']);
    const row = table.find((l) => l.startsWith('Release of Information Specialist'))!;
    expect(starts.map((s, i) => row.indexOf(['Boise Records', 'roi_specialist', 'Boise, ID', '$60k–$70k/yr', '2026-11-01'][i]!) === s)).toEqual(starts.map(() => true));
    expect(table.find((l) => l.startsWith('Outpatient Coder'))).toMatch(/\$20\.00–\$26\.00\/h/);

    for (const [args, flag] of [[['--role', 'astronaut'], /--role must be a role id/], [['--credential', 'XYZ'], /--credential must be one of/], [['--state', 'Texas'], /--state must be a two-letter/],
      [['--pay-period', 'hour'], /--pay-period needs --min-pay/], [['--min-pay', '10', '--pay-period', 'week'], /--pay-period must be hour or year/], [['--limit', '100000'], /--limit must be/]] as const) {
      const r = await cli('search', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(flag);
    }
    // The API's search: facets, sorts, cursors, its cross-field rules named by flag.
    const faceted = json<{ items: { title: string }[]; facets: Record<string, { value: string; count: number }[]>; facetScope: { scanned: number } }>(
      await cli('search', '--facets', 'state,pay', '--sort', 'pay', '--json'));
    expect(faceted.items[0]!.title).toBe('Release of Information Specialist');
    expect(faceted.facets.state).toEqual([{ value: 'TX', count: 2 }, { value: 'ID', count: 1 }]);
    expect(faceted.facetScope.scanned).toBe(3);
    const first = json<{ items: { title: string }[]; next: string }>(await cli('search', '--limit', '2', '--json'));
    const second = json<{ items: { title: string }[]; next: string | null }>(await cli('search', '--limit', '2', '--cursor', first.next, '--json'));
    expect(new Set([...first.items, ...second.items].map((i) => i.title)).size).toBe(3);
    expect(second.next).toBeNull();
    const facetTable = (await cli('search', '--facets', 'role')).stdout;
    expect(facetTable).toMatch(/facets counted over the 3 newest matches/);
    expect(facetTable).toMatch(/role +roi_specialist +1/);
    for (const [args, flag] of [[['--radius', '10'], /--radius: radiusMiles needs nearZip/], [['--near-zip', '00000'], /--near-zip: unknown ZIP code/],
      [['--min-pay', '70000', '--max-pay', '60000'], /--max-pay: maxPay is below minPay/], [['--cursor', 'bogus'], /--cursor: cursor is not one/], [['--facets', 'color'], /--facets must be one of/]] as const) {
      const r = await cli('search', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(flag);
    }
    // Query text is data, never SQL.
    expect(json<{ items: unknown[] }>(await cli('search', "coder'; drop table listing; --", '--json')).items).toEqual([]);
    expect((await repos.listings.countBySource()).find((c) => c.sourceId === source.id)?.count).toBe(3);
  }, 300_000);
});

describe('himatch gaps and match', () => {
  it('analyses and ranks the stored listings within reach', async () => {
    const source = await repos.sources.create({ kind: 'lever', name: 'gaps-board', config: { site: 'gaps-board' }, cron: null, enabled: true, politeness: {} });
    const rhit = [{ anyOf: ['RHIT' as const], eligibleAccepted: false, withinMonths: null, evidence: 'RHIT required' }];
    const at = (city: string, lat: number, lon: number) => [{ city, region: 'TX', postalCode: null, country: 'US', lat, lon }];
    const listings: [string, Parameters<typeof makeListing>[0]][] = [
      ...[0, 1, 2, 3].map((i): [string, Parameters<typeof makeListing>[0]] => [`g-rhit-${i}`, { title: `HIM Tech ${i}`, role: 'him_technician', credentials: { required: rhit, preferred: [] }, locations: at('Dallas', 32.78 + i * 0.01, -96.8) }]),
      ['g-far', { title: 'HIM Tech far', role: 'him_technician', credentials: { required: rhit, preferred: [] }, locations: at('El Paso', 31.76, -106.49) }],
      // Two places: the second is within reach.
      ['g-two', { title: 'HIM Tech two sites', role: 'him_technician', credentials: { required: rhit, preferred: [] }, locations: [...at('El Paso', 31.76, -106.49), ...at('Dallas', 32.8, -96.8)] }],
    ];
    for (const [externalId, overrides] of listings) {
      await repos.listings.upsert({ sourceId: source.id, externalId, rawPostingId: null, contentHash: `h-${externalId}`, data: makeListing(overrides), runId: null });
    }
    const profile = { education: [{ level: 'associate', field: 'him', cahiimAccredited: true }], experience: [{ area: 'him_technician', years: 2 }], home: { city: 'Dallas', region: 'TX', postalCode: null, lat: 32.78, lon: -96.8 }, radiusMiles: 25 };
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'himatch-gaps-')), 'profile.json');
    await writeFile(file, JSON.stringify(profile));
    const gaps = json<{ step: string; additionalEligible: number; exampleListingIds: string[] }[]>(await cli('gaps', '--profile', file, '--json'));
    const stored = (await repos.listings.listOpenForMatching(10_000)).map((r) => ({ ...r.data, id: r.id }));
    expect(gaps).toEqual(JSON.parse(JSON.stringify(gapAnalysis(candidateProfileSchema.parse(profile), stored))));
    const rhitStep = gaps.find((g) => g.step === 'RHIT')!;
    expect(rhitStep.additionalEligible).toBeGreaterThanOrEqual(5);

    // himatch match: the listings within reach, ranked as ranking them all would; --all ranks every open listing.
    type Ranked = { results: { listingId: string; eligibility: string }[]; total: number };
    const parsed = candidateProfileSchema.parse(profile);
    const reachable = await repos.plausibleListings.forCandidate(plausibleFilter(parsed));
    const matched = json<Ranked>(await cli('match', '--profile', file, '--limit', '5', '--json'));
    expect(matched.total).toBe(reachable.length);
    expect(matched.results.map((r) => r.listingId)).toEqual(rankListings(parsed, reachable, { limit: 5 }).results.map((r) => r.listingId));
    expect(json<Ranked>(await cli('match', '--profile', file, '--all', '--json')).total).toBe(stored.length);
    const table = (await cli('match', '--profile', file, '--limit', '3')).stdout;
    expect(table).toMatch(new RegExp(`${reachable.length} open listings within reach ranked; showing 3\\.`));
    for (const [args, message] of [[['--all', '--listings', file], /--all and --listings cannot be combined/], [['--limit', 'many'], /--limit must be a whole number/]] as const) {
      const r = await cli('match', '--profile', file, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, 120_000);
});

describe('himatch listings refresh-docs', () => {
  it('writes the match and same-job documents of listings that lack them, then of every listing with --all', async () => {
    const source = await repos.sources.create({ kind: 'lever', name: 'docs-board', config: { site: 'docs-board' }, cron: null, enabled: true, politeness: {} });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const data = makeListing({ title: `Coder ${i}`, employer: 'Docs Clinic' });
      ids.push((await repos.listings.upsert({ sourceId: source.id, externalId: `d${i}`, rawPostingId: null, contentHash: `h-d${i}`, data, runId: null })).id);
    }
    const docs = () => database.db.selectFrom('listing').select(['id', 'data', 'matchDoc', 'sameJob']).where('sourceId', '=', source.id).orderBy('id').execute();
    expect((await docs()).every((r) => r.matchDoc === null && r.sameJob === null)).toBe(true);

    const bad = await cli('listings', 'refresh-docs', '--batch', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--batch/);

    // Progress goes to stderr, the result to stdout.
    const refresh = async (...args: string[]) => {
      const r = await cli('listings', 'refresh-docs', ...args, '--json');
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^(refreshing listing documents \d+\/\d+ \d+\/s\n)*$/);
      return JSON.parse(r.stdout) as { updated: number; all: boolean };
    };
    expect((await refresh('--batch', '3')).updated).toBeGreaterThanOrEqual(7);
    for (const row of await docs()) {
      expect(row.matchDoc).toEqual(JSON.parse(JSON.stringify(matchDocument(row.data))));
      expect(row.sameJob).toEqual(JSON.parse(JSON.stringify(sameJobDoc(row.data))));
    }
    // Nothing left to fill; --all rewrites every listing.
    expect((await refresh()).updated).toBe(0);
    const all = await refresh('--all');
    expect(all.all).toBe(true);
    expect(all.updated).toBe(Number((await database.db.selectFrom('listing').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
  }, 120_000);
});

describe('himatch candidates and keys', () => {
  it('stores a profile, issues keys whose secret is printed once and only hashed in the database, lists and revokes them', async () => {
    expect((await cli('candidates', 'add', '--profile', 'examples/profiles/nope.json')).code).toBe(2);
    const added = json<{ id: string }>(await cli('candidates', 'add', '--profile', 'examples/profiles/rhit-outpatient-dallas.json', '--json'));
    expect(await repos.candidates.getById(added.id)).toBeDefined();
    expect((await cli('candidates', 'list')).stdout).toContain(added.id);

    const created = await cli('keys', 'create', '--role', 'recruiter', '--label', 'acme recruiting');
    expect(created.code).toBe(0);
    const key = /^(hm_[0-9a-f]{8}_\S+)$/m.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const rows = await database.db.selectFrom('apiKey').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toBe(createHash('sha256').update(key!).digest('hex'));
    // The secret is everything after "hm_<prefix>_" (base64url may itself contain '_').
    expect(JSON.stringify(rows)).not.toContain(key!.slice(key!.indexOf('_', 3) + 1));
    expect(rows[0]).toMatchObject({ role: 'recruiter', label: 'acme recruiting', prefix: key!.split('_')[1] });

    expect((await cli('keys', 'create', '--role', 'candidate')).stderr).toMatch(/--candidate ID is required/);
    expect((await cli('keys', 'create', '--role', 'admin')).stderr).toMatch(/--role must be one of operator, recruiter, candidate/);
    expect((await cli('keys', 'create', '--role', 'candidate', '--candidate', '00000000-0000-4000-8000-000000000000')).stderr).toMatch(/--candidate: no candidate/);
    const candidateKey = json<{ key: string; candidateId: string }>(await cli('keys', 'create', '--role', 'candidate', '--candidate', added.id, '--json'));
    expect(candidateKey.candidateId).toBe(added.id);

    const listed = await cli('keys', 'list');
    expect(listed.stdout).not.toContain(key!);
    expect(listed.stdout).toMatch(new RegExp(`^${rows[0]!.prefix} +recruiter +acme recruiting`, 'm'));
    expect((await cli('keys', 'revoke', rows[0]!.prefix)).stdout).toMatch(/revoked key/);
    expect((await repos.apiKeys.findByHash(rows[0]!.hash))).toBeUndefined();
    expect((await cli('keys', 'revoke', rows[0]!.prefix)).stdout).toMatch(/already revoked/);
    expect((await cli('keys', 'revoke', 'ffffffff')).code).toBe(2);
    const keys = json<{ prefix: string; revokedAt: string | null }[]>(await cli('keys', 'list', '--json'));
    expect(keys.map((k) => k.revokedAt !== null)).toEqual([true, false]);
    expect(JSON.stringify(keys)).not.toMatch(/"hash"/);
  }, 300_000);
});
