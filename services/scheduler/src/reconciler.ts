import type { Redis } from 'ioredis';
import { reconcileSchedules, type ReconcileDeps, type ReconcileResult } from './reconcile.ts';

/** Redis pub/sub channel on which the CLI or API asks for a reconcile after editing a source. */
export const reconcileChannel = (prefix: string): string => `${prefix}:scheduler:reconcile`;

export interface Reconciler {
  /** Reconciles now; calls while one runs coalesce into a single follow-up run. */
  reconcileNow(): Promise<ReconcileResult>;
  /** First reconcile (a failure is logged, the interval retries), then one every intervalMs. */
  start(): Promise<void>;
  /** Stops the interval and waits for a reconcile in flight. */
  stop(): Promise<void>;
}

export function createReconciler(deps: ReconcileDeps, options: { intervalMs: number }): Reconciler {
  let inFlight: Promise<ReconcileResult> | null = null;
  let queued: Promise<ReconcileResult> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const runOnce = (): Promise<ReconcileResult> => {
    const run = reconcileSchedules(deps).finally(() => {
      inFlight = null;
    });
    inFlight = run;
    return run;
  };
  const reconcileNow = (): Promise<ReconcileResult> => {
    if (queued) return queued;
    if (!inFlight) return runOnce();
    // Sources may have changed after the running reconcile read them: run once more after it.
    queued = inFlight.catch(() => undefined).then(() => {
      queued = null;
      return runOnce();
    });
    return queued;
  };
  const tick = (): void => {
    reconcileNow().catch((error: unknown) => deps.logger.error({ err: error }, 'reconcile failed; retrying at the next interval'));
  };

  return {
    reconcileNow,
    async start() {
      await reconcileNow().catch((error: unknown) => deps.logger.error({ err: error }, 'first reconcile failed; retrying at the next interval'));
      if (!stopped) timer = setInterval(tick, options.intervalMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([queued, inFlight]);
    },
  };
}

/** Subscribes `subscriber` (a connection used for nothing else) to reconcile requests. */
export async function listenForRequests(subscriber: Redis, prefix: string, onRequest: () => void): Promise<void> {
  subscriber.on('message', (channel: string) => {
    if (channel === reconcileChannel(prefix)) onRequest();
  });
  await subscriber.subscribe(reconcileChannel(prefix));
}
