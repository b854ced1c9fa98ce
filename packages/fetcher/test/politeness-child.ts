// A stand-in crawler replica: its own process, its own fetcher, the shared Redis.
// Usage: node politeness-child.ts '<json config>'. It warms up (robots.txt, connection),
// prints "ready", waits for a line on stdin, fires its requests at once, prints a JSON summary.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { createFetcher } from '../src/index.ts';

interface ChildConfig {
  redisUrl: string;
  keyPrefix: string;
  origin: string;
  hostPort: string;
  requests: number;
  minGapMs: number;
  holdMs: number;
  tag: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
const fetcher = createFetcher({
  redis,
  keyPrefix: config.keyPrefix,
  userAgent: 'himatch-bot/0.1 (+https://himatch.example/bot)',
  allowPrivateHosts: [config.hostPort],
  politeness: 'on',
  defaults: { maxInFlight: 1, minGapMs: config.minGapMs },
});
const request = (path: string) => ({ url: `${config.origin}${path}`, role: 'list' as const, step: 'page' });
try {
  await fetcher.fetch(request(`/ok?warmup=${config.tag}`));
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const results = await Promise.all(
    Array.from({ length: config.requests }, (_, i) =>
      fetcher.fetch(request(`/paced?holdMs=${config.holdMs}&from=${config.tag}-${i}`)),
    ),
  );
  process.stdout.write(JSON.stringify({ ok: results.filter((r) => r.status === 200).length }));
} finally {
  process.stdin.destroy();
  await fetcher.close();
  await redis.quit();
}
