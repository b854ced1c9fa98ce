import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProducer, waitUntilDrained } from './index.ts';
import type { Producer } from './index.ts';
import { createRedisTestKit, waitFor } from '../test/support.ts';
import type { RedisTestKit } from '../test/support.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKER_SCRIPT = fileURLToPath(new URL('../test/slow-worker.ts', import.meta.url));
const alertIds = Array.from({ length: 6 }, (_, i) => `10000000-0000-4000-8000-00000000000${i}`);

let kit: RedisTestKit;
let producer: Producer;
const children: ChildProcess[] = [];

function startWorker(jobMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER_SCRIPT, REDIS_URL, kit.prefix, String(jobMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function hashOf(key: string): Promise<Record<string, number>> {
  const raw = await kit.redis.hgetall(`${kit.prefix}:test:${key}`);
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}

beforeAll(async () => {
  kit = await createRedisTestKit(REDIS_URL, 'crash');
  producer = createProducer({ connection: await kit.producerConnection(), prefix: kit.prefix });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await producer.close();
  await kit.cleanup();
});

describe('a worker process killed mid-job', () => {
  it('has its jobs recovered by another worker, each effect exactly once; SIGTERM exits 0', async () => {
    for (const alertId of alertIds) await producer.enqueue('alert.deliver', { alertId });

    const first = await startWorker(1_500);
    await waitFor(async () => Object.keys(await hashOf('starts')).length >= 2, 10_000, 'two jobs in flight');
    first.kill('SIGKILL');
    expect((await exitOf(first)).signal).toBe('SIGKILL');
    const interrupted = Object.keys(await hashOf('starts'));
    expect(await kit.redis.scard(`${kit.prefix}:test:done`)).toBe(0);

    const second = await startWorker(200);
    await waitUntilDrained({ connection: kit.redis, prefix: kit.prefix, timeoutMs: 25_000, pollMs: 200 });

    expect((await kit.redis.smembers(`${kit.prefix}:test:done`)).sort()).toEqual(alertIds);
    const completions = await hashOf('completions');
    expect(Object.keys(completions).sort()).toEqual(alertIds);
    expect(Object.values(completions).every((n) => n === 1)).toBe(true);
    // The interrupted jobs really ran twice: started by the killed worker, redone by the second.
    const starts = await hashOf('starts');
    for (const id of interrupted) expect(starts[id]).toBe(2);

    second.kill('SIGTERM');
    expect(await exitOf(second)).toEqual({ code: 0, signal: null });
  }, 45_000);

  it('SIGTERM lets the in-flight job finish before the process exits 0', async () => {
    const alertId = '20000000-0000-4000-8000-000000000000';
    const worker = await startWorker(1_000);
    await producer.enqueue('alert.deliver', { alertId });
    await waitFor(async () => (await hashOf('starts'))[alertId] === 1, 10_000, 'the job to start');
    worker.kill('SIGTERM');
    expect(await exitOf(worker)).toEqual({ code: 0, signal: null });
    expect(await kit.redis.sismember(`${kit.prefix}:test:done`, alertId)).toBe(1);
  }, 20_000);
});
