import { Redis } from 'ioredis';

// Redis connections per the BullMQ production guide: workers wait out an outage
// (maxRetriesPerRequest: null, offline queue on), producers fail fast so that an HTTP
// request or a CLI call gets an error instead of hanging (offline queue off).
// BullMQ never closes a connection it was handed: whoever creates one quits it.

export const DEFAULT_QUEUE_PREFIX = 'himatch';

export type ConnectionRole = 'worker' | 'producer';

export interface RedisConnectionOptions {
  role: ConnectionRole;
  /** Shown in CLIENT LIST, handy when looking at a busy Redis. */
  connectionName?: string;
}

/** Reconnect delay: exponential from 250 ms, capped at 10 s, with jitter so replicas spread out. */
export function reconnectDelayMs(times: number): number {
  const capped = Math.min(10_000, 250 * 2 ** Math.max(0, times - 1));
  return Math.round(capped / 2 + Math.random() * (capped / 2));
}

export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const common = {
    connectionName: options.connectionName ?? `himatch-${options.role}`,
    retryStrategy: reconnectDelayMs,
  };
  if (options.role === 'worker') {
    return new Redis(url, { ...common, maxRetriesPerRequest: null, enableOfflineQueue: true });
  }
  return new Redis(url, { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

/**
 * Resolves once the connection is usable (a producer connection rejects commands before).
 * With timeoutMs, rejects when the connection is not ready in time.
 */
export async function waitUntilReady(connection: Redis, timeoutMs?: number): Promise<void> {
  if (connection.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      connection.off('ready', onReady);
      connection.off('end', onEnd);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const onReady = (): void => done();
    const onEnd = (): void => done(new Error('redis connection ended before it was ready'));
    const timer = timeoutMs === undefined
      ? undefined
      : setTimeout(() => done(new Error(`redis not ready after ${timeoutMs} ms (status ${connection.status})`)), timeoutMs);
    connection.once('ready', onReady);
    connection.once('end', onEnd);
  });
}

/** Quits a connection we own; a connection that never connected is just disconnected. */
export async function closeRedisConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
}
