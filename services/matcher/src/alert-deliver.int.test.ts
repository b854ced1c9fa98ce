import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '@himatch/db';
import { createLogger } from '@himatch/runtime';
import { createTestDatabase, makeListing, makeProfile, type TestDatabase } from '@himatch/testing';
import { deliverAlert, type AlertDeps } from './alert-deliver.processor.ts';

let database: TestDatabase;
let repos: Repositories;
let server: Server;
let port: number;
let status = 200;
let requests = 0;
let candidateId: string;
let sourceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  candidateId = (await repos.candidates.create(makeProfile())).id;
  sourceId = (await repos.sources.create({ kind: 'rss', name: 'deliver-test' })).id;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await database?.drop();
});

async function newAlert(externalId: string): Promise<string> {
  const { id: listingId } = await repos.listings.upsert({ sourceId, externalId, rawPostingId: null, contentHash: externalId, data: makeListing(), runId: null });
  const ids = await repos.alertDelivery.record([{ candidateId, listingId, score: 0.8, eligibility: 'eligible', summary: 'Eligible: RHIT' }]);
  expect(ids).toHaveLength(1);
  expect(await repos.alertDelivery.record([{ candidateId, listingId, score: 0.9, eligibility: 'eligible', summary: 'again' }])).toEqual([]);
  return ids[0]!;
}

const deps = (webhook: boolean): AlertDeps => ({
  repos, logger: createLogger('test', 'silent'), maxAttempts: 8,
  webhook: webhook ? { url: new URL(`http://127.0.0.1:${port}/hook`), secret: 's'.repeat(16), allowHosts: [`127.0.0.1:${port}`], timeoutMs: 5000 } : null,
});
const row = (id: string) => database.db.selectFrom('alertOutbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('alert.deliver', () => {
  it('without a webhook URL the alert stays pending and the job is retried (never dropped)', async () => {
    const id = await newAlert('a1');
    await expect(deliverAlert(deps(false), { alertId: id }, { attemptsMade: 7 })).rejects.toMatchObject({ code: 'webhook_unset', retryable: true });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('delivers once; a redelivered job of a delivered alert is a no-op', async () => {
    const id = await newAlert('a2');
    status = 200;
    const before = requests;
    expect(await deliverAlert(deps(true), { alertId: id }, { attemptsMade: 0 })).toBe('delivered');
    expect(await deliverAlert(deps(true), { alertId: id }, { attemptsMade: 0 })).toBe('already delivered');
    expect(requests - before).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
  });

  it('a 5xx on the last attempt, or a 4xx at once, marks the alert failed with the error', async () => {
    const id = await newAlert('a3');
    status = 503;
    await expect(deliverAlert(deps(true), { alertId: id }, { attemptsMade: 0 })).rejects.toMatchObject({ retryable: true });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered 503' });
    await expect(deliverAlert(deps(true), { alertId: id }, { attemptsMade: 7 })).rejects.toMatchObject({ retryable: true });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    const other = await newAlert('a4');
    status = 410;
    await expect(deliverAlert(deps(true), { alertId: other }, { attemptsMade: 0 })).rejects.toMatchObject({ code: 'webhook_410', retryable: false });
    expect(await row(other)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await deliverAlert(deps(true), { alertId: other }, { attemptsMade: 1 })).toBe('already failed');
  });
});
