import { UnrecoverableError } from 'bullmq';
import type { MinimalJob } from 'bullmq';
import { HimatchError } from '@himatch/core';

// Retry policy at the processor boundary. BullMQ 6 calls `settings.backoffStrategy` only
// for backoff types it does not know, so catalog jobs use the custom type
// 'himatch-exponential': exponential with jitter, but never shorter than the
// Retry-After a RetryableError carried (habit 4: honour Retry-After).

export function exponentialDelayMs(attemptsMade: number, delayMs: number, jitter: number): number {
  const max = Math.round(delayMs * 2 ** Math.max(0, attemptsMade - 1));
  const j = Math.min(1, Math.max(0, jitter));
  return Math.floor(max * (1 - j) + Math.random() * max * j);
}

function retryAfterOf(err: unknown): number {
  const value = (err as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

export function himatchBackoff(attemptsMade: number, _type?: string, err?: Error, job?: MinimalJob): number {
  const backoff = job?.opts.backoff;
  const delay = typeof backoff === 'object' ? (backoff.delay ?? 1000) : (backoff ?? 1000);
  const jitter = typeof backoff === 'object' ? (backoff.jitter ?? 0) : 0;
  return Math.max(exponentialDelayMs(attemptsMade, delay, jitter), retryAfterOf(err));
}

/**
 * Maps a handler error to what BullMQ should do with it: core errors that say retrying
 * cannot help become UnrecoverableError (message keeps the code and reason); everything
 * else is rethrown unchanged and retried with the catalog backoff.
 */
export function toBullmqError(err: unknown): Error {
  if (err instanceof HimatchError && !err.retryable) {
    return new UnrecoverableError(`${err.code}: ${err.message}`);
  }
  if (err instanceof Error) return err;
  return new Error(`non-error thrown: ${String(err)}`);
}
