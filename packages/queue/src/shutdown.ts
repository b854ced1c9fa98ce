import type { WorkerRunner } from './worker-runner.ts';

export interface ShutdownOptions {
  /** How long in-flight jobs may finish before they are released. Default 30 s. */
  timeoutMs?: number;
  signals?: readonly NodeJS.Signals[];
  /** Call process.exit(0) after closing (default true) so other handles cannot keep the process up. */
  exitProcess?: boolean;
  /** Runs after the runner closed, before exit: close pools, servers, producers. */
  onClosed?: () => Promise<void>;
}

/**
 * On the first SIGTERM/SIGINT: stop taking jobs, wait for in-flight ones (up to
 * timeoutMs), close workers and their connections, then exit 0. The returned promise
 * resolves when that shutdown has finished.
 */
export function installShutdown(runner: WorkerRunner, options: ShutdownOptions = {}): Promise<void> {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  return new Promise<void>((resolve, reject) => {
    let started = false;
    const onSignal = (): void => {
      if (started) return;
      started = true;
      void runner
        .close({ timeoutMs: options.timeoutMs ?? 30_000 })
        .then(() => options.onClosed?.())
        .then(() => {
          for (const signal of signals) process.off(signal, onSignal);
          resolve();
          // After the awaiting callers ran: other handles (timers, sockets) must not keep us up.
          if (options.exitProcess ?? true) setImmediate(() => process.exit(0));
        }, (err: unknown) => {
          reject(err instanceof Error ? err : new Error(String(err)));
          if (options.exitProcess ?? true) setImmediate(() => process.exit(1));
        });
    };
    for (const signal of signals) process.on(signal, onSignal);
  });
}
