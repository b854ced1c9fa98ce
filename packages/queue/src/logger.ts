// The minimal structured logger the runner needs; pino satisfies it. Fields carry ids
// only (jobId, jobName, queue) — never payload contents.

export type LogFields = Record<string, unknown>;

export interface QueueLogger {
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

export const silentLogger: QueueLogger = { info() {}, warn() {}, error() {} };

export function bindLogger(logger: QueueLogger, bound: LogFields): QueueLogger {
  return {
    info: (fields, message) => logger.info({ ...bound, ...fields }, message),
    warn: (fields, message) => logger.warn({ ...bound, ...fields }, message),
    error: (fields, message) => logger.error({ ...bound, ...fields }, message),
  };
}
