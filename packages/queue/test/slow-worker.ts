// A worker process for crash-recovery.int.test.ts. Args: redisUrl prefix jobMs.
// Each alert.deliver job counts its start, works slowly, then records its effect with an
// idempotent SADD, so a re-run after a crash shows up only in the start counter.
import { createRedisConnection, defineHandlers, installShutdown, runWorkers, waitUntilReady } from '../src/index.ts';

const [redisUrl = '', prefix = '', jobMsArg = '1000'] = process.argv.slice(2);
const jobMs = Number(jobMsArg);

const effects = createRedisConnection(redisUrl, { role: 'worker', connectionName: `${prefix}-effects` });
await waitUntilReady(effects);

const runner = await runWorkers({
  connection: () => createRedisConnection(redisUrl, { role: 'worker' }),
  prefix,
  // Short lease so a killed worker's jobs are recovered within seconds.
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
  consumers: [defineHandlers('alerts', {
    'alert.deliver': async (payload) => {
      await effects.hincrby(`${prefix}:test:starts`, payload.alertId, 1);
      await new Promise((resolve) => setTimeout(resolve, jobMs));
      await effects.sadd(`${prefix}:test:done`, payload.alertId);
      await effects.hincrby(`${prefix}:test:completions`, payload.alertId, 1);
    },
  }, { concurrency: 2 })],
});

void installShutdown(runner, { timeoutMs: 10_000, onClosed: async () => { await effects.quit(); } });
process.stdout.write('ready\n');
