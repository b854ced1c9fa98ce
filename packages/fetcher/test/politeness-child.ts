// A stand-in crawler replica: its own process, its own fetcher, the shared Redis.
// Usage: node politeness-child.ts '<json config>'; prints a JSON summary on stdout.
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
try {
  const results = await Promise.all(
    Array.from({ length: config.requests }, (_, i) =>
      fetcher.fetch({ url: `${config.origin}/paced?holdMs=${config.holdMs}&from=${config.tag}-${i}`, role: 'list', step: 'page' }),
    ),
  );
  process.stdout.write(JSON.stringify({ ok: results.filter((r) => r.status === 200).length }));
} finally {
  await fetcher.close();
  await redis.quit();
}
