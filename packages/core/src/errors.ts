// Error classes that say whether a retry can help (habit 4 of STYLE.md).

export abstract class HimatchError extends Error {
  abstract readonly retryable: boolean;
  /** A short machine-readable reason, recorded with the failed item. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Timeouts, 5xx, 429, a dropped connection: try again later. */
export class RetryableError extends HimatchError {
  readonly retryable = true;
  /** Milliseconds the other side asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | null;

  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterMs?: number | null }) {
    super(code, message, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }
}

/** 404/410, robots denial, unparseable input, a rejected posting: retrying changes nothing. */
export class PermanentError extends HimatchError {
  readonly retryable = false;
}

/** Bad input from a user or a config file; names the field. */
export class ValidationError extends HimatchError {
  readonly retryable = false;
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid_input', `${field}: ${message}`);
    this.field = field;
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof HimatchError ? error.retryable : true;
}
