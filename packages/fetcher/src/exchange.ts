import { HimatchError, RetryableError } from '@himatch/core';
import { request, type Dispatcher } from 'undici';
import { readBody, TooLargeError, type BodyLimits } from './body.ts';

// One HTTP request/response on the wire, no retries and no redirects. Network failures
// become RetryableErrors; our own classified errors (SSRF refusal from the connector,
// too_large from the body reader) pass through unchanged.

export interface ExchangeInput {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | null;
  dispatcher: Dispatcher;
  limits: BodyLimits;
  /** Whole-exchange deadline: connect, headers and body together. */
  deadlineMs: number;
}

export interface ExchangeResult {
  status: number;
  headers: Record<string, string>;
  /** Decoded bytes (content-encoding undone); empty when the body was not wanted. */
  bytes: Buffer;
  wireBytes: number;
}

/** Statuses whose body we read; redirects, 304 and errors are discarded unread. */
function wantsBody(status: number): boolean {
  return status >= 200 && status < 300 && status !== 204;
}

export async function exchange(input: ExchangeInput): Promise<ExchangeResult> {
  const signal = AbortSignal.timeout(input.deadlineMs);
  try {
    const response = await request(input.url, {
      method: input.method,
      headers: input.headers,
      body: input.body ?? undefined,
      dispatcher: input.dispatcher,
      signal,
    });
    const headers = flattenHeaders(response.headers);
    if (!wantsBody(response.statusCode)) {
      // Small error pages are drained so the connection can be reused; big ones are cut.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { status: response.statusCode, headers, bytes: Buffer.alloc(0), wireBytes: 0 };
    }
    const declared = Number(headers['content-length'] ?? Number.NaN);
    if (declared > input.limits.maxBodyBytes) {
      response.body.destroy();
      throw new TooLargeError(`content-length ${declared} exceeds ${input.limits.maxBodyBytes} bytes`);
    }
    const { bytes, wireBytes } = await readBody(response.body, headers['content-encoding'], input.limits);
    return { status: response.statusCode, headers, bytes, wireBytes };
  } catch (error) {
    throw classifyNetworkError(error, input.url, signal);
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT',
]);

/** Walks the cause chain: undici and net wrap the error that says what really happened. */
export function classifyNetworkError(error: unknown, url: URL, signal?: AbortSignal): Error {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (e instanceof HimatchError) return e;
    if (e instanceof AggregateError) {
      const inner = e.errors.find((x) => x instanceof HimatchError);
      if (inner) return inner;
    }
  }
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const timedOut = TIMEOUT_CODES.has(code) || signal?.aborted === true || /timeout/i.test(message);
  return new RetryableError(
    timedOut ? 'timeout' : 'connection',
    `${timedOut ? 'timed out' : 'connection failed'} fetching ${url.host}: ${code || message}`,
    { cause: error },
  );
}
