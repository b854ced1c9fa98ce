import type { Logger } from 'pino';

/**
 * Graceful shutdown (habit 5): on SIGTERM/SIGINT run the closers in order (stop taking work,
 * finish in-flight jobs, close workers, then pools), once, and exit. A second signal exits at once.
 */
export function onShutdown(logger: Logger, closers: Array<() => Promise<unknown>>, timeoutMs = 30_000): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    void (async () => {
      for (const close of closers) {
        try {
          await close();
        } catch (error) {
          logger.error({ err: error }, 'error while closing');
        }
      }
      process.exit(0);
    })();
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
