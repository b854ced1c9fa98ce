import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_NOW } from '@himatch/samples';
import { buildCatalog, type Catalog } from './catalog.ts';
import { json, type Reply, type Route, type Settings } from './http.ts';
import { QUIRK_PATTERN, brokenPagingReply, garbageReply, rateLimitReply, sleep, type QuirkState } from './quirks.ts';
import { ALL_ROUTES } from './routes.ts';
import { boardsReply, truthReply } from './meta.ts';
import { createRequestLog, type RequestLog } from './request-log.ts';

export interface StartOptions {
  /** 0 = ephemeral port. */
  readonly port?: number;
  readonly host?: string;
  readonly seed?: number;
  readonly count?: number;
  readonly generation?: number;
  /** Public base URL for links; default http://host:port. */
  readonly baseUrl?: string;
  /** Reference "today" for posting dates; default the generator's fixed date. */
  readonly now?: string;
  readonly crawlDelay?: number;
  readonly slowMs?: number;
  readonly rateLimitFirst?: number;
  readonly usajobsApiKey?: string;
  /** Postings of the /bench JSON-LD site for `himatch bench ingest`; 0 (default) = off. */
  readonly benchCount?: number;
}

export interface DemoStats {
  requests: number;
  byStatus: Record<string, number>;
  byPrefix: Record<string, number>;
}

export interface DemoBoards {
  readonly url: string;
  close(): Promise<void>;
  setGeneration(generation: number): void;
  readonly stats: DemoStats;
  /** Start and end of every request (meta endpoints excluded), oldest first. */
  readonly requestLog: RequestLog;
  /** The catalog currently served (for tests and the CLI demo). */
  catalog(): Catalog;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function dispatch(routes: readonly Route[], method: string, path: string, build: (params: string[]) => Parameters<Route['handler']>[0]): Reply {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    return r.handler(build(m.slice(1).map((s) => decodeURIComponent(s ?? ''))));
  }
  return pathMatched ? json(405, { error: 'Method Not Allowed' }) : json(404, { error: 'Not Found', path });
}

export async function startDemoBoards(options: StartOptions = {}): Promise<DemoBoards> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? DEFAULT_NOW;
  const seed = options.seed ?? 20_261_120;
  const count = options.count ?? 600;
  let catalog = buildCatalog({ seed, count, generation: options.generation ?? 0, now });
  const settings: Settings = {
    crawlDelay: options.crawlDelay ?? 0, slowMs: options.slowMs ?? 1500,
    rateLimitFirst: options.rateLimitFirst ?? 1, usajobsApiKey: options.usajobsApiKey ?? 'demo-key',
    benchCount: options.benchCount ?? 0,
  };
  const requestLog = createRequestLog();
  const quirks: QuirkState = { hits: new Map() };
  const stats: DemoStats = { requests: 0, byStatus: {}, byPrefix: {} };
  let base = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/_requests')) return requestLog.respond(req.method ?? 'GET', res);
    const done = url.pathname.startsWith('/_') ? null : requestLog.begin(req.method ?? 'GET', `${url.pathname}${url.search}`);
    const body = req.method === 'POST' ? await readBody(req) : '';
    let path = url.pathname;
    let reply: Reply | null = null;
    const quirk = QUIRK_PATTERN.exec(path);
    if (quirk) {
      path = quirk[2] ?? '/';
      if (quirk[1] === 'rate-limited') reply = rateLimitReply(quirks, `${path}${url.search}`, settings.rateLimitFirst);
      if (quirk[1] === 'slow') await sleep(settings.slowMs);
      if (quirk[1] === 'garbage') reply = garbageReply();
      if (quirk[1] === 'broken-paging') reply = brokenPagingReply(url);
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const current = catalog;
    reply ??= path === '/_truth' ? truthReply(current, base)
      : path === '/_boards' ? boardsReply(current, base, settings)
      : dispatch(ALL_ROUTES, method, path, (params) => ({ req, url, params, body, catalog: current, base, settings }));
    stats.requests++;
    stats.byStatus[reply.status] = (stats.byStatus[reply.status] ?? 0) + 1;
    const prefix = (quirk ? `/quirks/${quirk[1]}` : '') + (/^\/[^/]*/.exec(path)?.[0] ?? '/');
    stats.byPrefix[prefix] = (stats.byPrefix[prefix] ?? 0) + 1;
    res.writeHead(reply.status, { ...reply.headers, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
    done?.(reply.status);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Internal Server Error', message: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  base = (options.baseUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`).replace(/\/$/, '');
  return {
    url: base,
    stats,
    requestLog,
    catalog: () => catalog,
    setGeneration(generation: number) {
      catalog = buildCatalog({ seed, count, generation, now });
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
