import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

// When each request started and ended, as the server saw it: politeness tests read it through
// GET /_requests (in-flight count and gaps per path), POST /_requests reset clears it.

export interface LoggedRequest {
  readonly method: string;
  /** Path and query as requested (quirk prefixes included). */
  readonly path: string;
  /** Epoch milliseconds with sub-millisecond precision. */
  readonly start: number;
  end: number | null;
  status: number | null;
}

export interface RequestLog {
  /** Records a request's start; call the returned function with its status when it ends. */
  begin(method: string, path: string): (status: number) => void;
  entries(): readonly LoggedRequest[];
  clear(): void;
  /** Serves GET (the log) and POST (clear) on /_requests. */
  respond(method: string, res: ServerResponse): void;
}

/** Past this many entries new requests are counted but not logged (a bench serves 20,000+ pages). */
const MAX_ENTRIES = 200_000;

export function createRequestLog(): RequestLog {
  let log: LoggedRequest[] = [];
  let dropped = 0;
  const now = (): number => performance.timeOrigin + performance.now();
  const clear = (): void => {
    log = [];
    dropped = 0;
  };
  return {
    begin(method, path) {
      if (log.length >= MAX_ENTRIES) {
        dropped++;
        return () => {};
      }
      const entry: LoggedRequest = { method, path, start: now(), end: null, status: null };
      log.push(entry);
      return (status) => {
        entry.end = now();
        entry.status = status;
      };
    },
    entries: () => log,
    clear,
    respond(method, res) {
      if (method === 'POST') {
        clear();
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ requests: log, dropped }));
    },
  };
}
