import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

// A local HTTP server that misbehaves on request: failing statuses, Retry-After, slow
// headers and bodies, huge and compressed bodies, odd charsets, redirect chains. It records
// every request so tests can check what actually reached the wire.

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  startedAt: number;
}

export interface MisbehavingServer {
  origin: string;
  hostPort: string;
  port: number;
  requests: RecordedRequest[];
  /** Highest number of /paced requests in flight at once. */
  readonly maxPacedInFlight: number;
  /** What /robots.txt answers; change per test. */
  robots: { status: number; body: string };
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, server: MisbehavingServer) => void;

const counters = new Map<string, number>();
const bump = (key: string) => {
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
};

const BOMB = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KiB gzipped

const routes: Record<string, Handler> = {
  '/robots.txt': (_req, res, _url, server) => {
    res.writeHead(server.robots.status, { 'content-type': 'text/plain' }).end(server.robots.body);
  },
  '/ok': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`hello ${req.headers['user-agent']}`);
  },
  '/status': (_req, res, url) => {
    const headers: Record<string, string> = {};
    const retryAfter = url.searchParams.get('retryAfter');
    if (retryAfter) headers['retry-after'] = retryAfter;
    res.writeHead(Number(url.searchParams.get('code')), headers).end('status page');
  },
  // Fails `fails` times per `key` with `code` (and optional Retry-After), then answers 200.
  '/flaky': (_req, res, url) => {
    const n = bump(`flaky:${url.searchParams.get('key')}`);
    if (n <= Number(url.searchParams.get('fails') ?? 1)) {
      const headers: Record<string, string> = {};
      const retryAfter = url.searchParams.get('retryAfter');
      if (retryAfter) headers['retry-after'] = retryAfter;
      res.writeHead(Number(url.searchParams.get('code') ?? 503), headers).end('try later');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok after ${n - 1} failures`);
  },
  '/etag': (req, res) => {
    const validators = { etag: '"v1"', 'last-modified': 'Tue, 01 Sep 2026 10:00:00 GMT' };
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, validators).end();
    res.writeHead(200, { ...validators, 'content-type': 'application/json' }).end('{"jobs":[]}');
  },
  '/big': (_req, res, url) => {
    const total = Number(url.searchParams.get('bytes'));
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  },
  '/declared-big': (_req, res) => {
    res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).write('partial');
  },
  '/bomb': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' }).end(BOMB);
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' }).end(zlib.gzipSync('gzip body ✓'));
  },
  '/br': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'text/plain' }).end(zlib.brotliCompressSync('brotli body ✓'));
  },
  '/latin1': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end(Buffer.from('Caf\xe9 Cr\xe8me', 'latin1'));
  },
  '/meta-1252': (_req, res) => {
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body>'), Buffer.from([0x80, 0x20, 0xe9]), Buffer.from('</body></html>')]);
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  },
  '/xml-latin1': (_req, res) => {
    const xml = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><source><title>T\xe9cnico</title></source>', 'latin1');
    res.writeHead(200, { 'content-type': 'application/xml' }).end(xml);
  },
  // /loop?n=3 → /loop?n=4 → … forever.
  '/loop': (_req, res, url) => {
    res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
  },
  '/redirect': (_req, res, url) => {
    res.writeHead(Number(url.searchParams.get('code') ?? 302), { location: url.searchParams.get('to')! }).end();
  },
  '/slow-headers': (_req, res, url) => {
    const timer = setTimeout(() => res.writeHead(200).end('late'), Number(url.searchParams.get('ms') ?? 5000));
    res.on('close', () => clearTimeout(timer));
  },
  '/slow-body': (_req, res, url) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).write('first part…');
    const timer = setTimeout(() => res.end('rest'), Number(url.searchParams.get('ms') ?? 5000));
    res.on('close', () => clearTimeout(timer));
  },
  '/echo': (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    });
  },
};

function paced(res: http.ServerResponse, url: URL, state: { pacedInFlight: number; maxPacedInFlight: number }) {
  state.pacedInFlight += 1;
  state.maxPacedInFlight = Math.max(state.maxPacedInFlight, state.pacedInFlight);
  setTimeout(() => {
    state.pacedInFlight -= 1;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('paced');
  }, Number(url.searchParams.get('holdMs') ?? 50));
}

export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const state = { requests: [] as RecordedRequest[], pacedInFlight: 0, maxPacedInFlight: 0, robots: { status: 404, body: '' } };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    state.requests.push({ path: url.pathname + url.search, headers: req.headers, startedAt: performance.timeOrigin + performance.now() });
    if (url.pathname === '/paced') return paced(res, url, state);
    const route = routes[url.pathname] ?? routes['/ok']!;
    route(req, res, url, api);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: MisbehavingServer = {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    port,
    get requests() { return state.requests; },
    get maxPacedInFlight() { return state.maxPacedInFlight; },
    get robots() { return state.robots; },
    set robots(v) { state.robots = v; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return api;
}
