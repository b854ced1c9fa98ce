import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs with context and redaction: secrets and candidate PII never reach a log line,
 * even when a caller logs a whole object by mistake.
 */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.authorization', '*.Authorization', '*["authorization-key"]', '*["Authorization-Key"]', 'headers.authorization',
        '*.apiKey', '*.secret', '*.password', '*.token', 'req.headers.authorization', 'req.headers["x-api-key"]',
        '*.profile', 'profile', '*.email', '*.name', '*.phone',
      ],
      censor: '[redacted]',
    },
  });
}
