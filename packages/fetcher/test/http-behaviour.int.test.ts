import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { page, rejectionOf, useHarness } from './harness.ts';

const h = useHarness();

describe('conditional GET', () => {
  it('sends the validators and reports 304 as notModified with an empty body', async () => {
    const fetcher = h.fetcher();
    const first = await fetcher.fetch(page(`${h.server.origin}/etag`));
    expect([first.status, first.notModified, first.etag, first.body]).toEqual([200, false, '"v1"', '{"jobs":[]}']);
    expect(first.lastModified).toBe('Tue, 01 Sep 2026 10:00:00 GMT');
    const second = await fetcher.fetch(page(`${h.server.origin}/etag`), {
      validators: { etag: first.etag, lastModified: first.lastModified },
    });
    expect([second.status, second.notModified, second.body, second.etag]).toEqual([304, true, '', '"v1"']);
    const sent = h.server.requests.at(-1)!.headers;
    expect([sent['if-none-match'], sent['if-modified-since']]).toEqual(['"v1"', 'Tue, 01 Sep 2026 10:00:00 GMT']);
  });
});

describe('body limits and decoding', () => {
  it('aborts a streamed body past maxBodyBytes', async () => {
    const fetcher = h.fetcher({ maxBodyBytes: 256 * 1024 });
    expect((await fetcher.fetch(page(`${h.server.origin}/big?bytes=${200 * 1024}`))).body).toHaveLength(200 * 1024);
    const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}/big?bytes=${8 * 1024 * 1024}`)));
    expect([error.name, error.code]).toEqual(['TooLargeError', 'too_large']);
  });

  it('refuses a declared content-length over the cap before reading', async () => {
    const error = await rejectionOf(h.fetcher().fetch(page(`${h.server.origin}/declared-big`)));
    expect(error.code).toBe('too_large');
  });

  it('caps a gzip bomb by its decoded size', async () => {
    const error = await rejectionOf(h.fetcher().fetch(page(`${h.server.origin}/bomb`)));
    expect([error.code, error.message]).toEqual(['too_large', `decoded body exceeds ${20 * 1024 * 1024} bytes`]);
  });

  it('decodes gzip and brotli bodies and asks for them', async () => {
    const fetcher = h.fetcher();
    expect((await fetcher.fetch(page(`${h.server.origin}/gzip`))).body).toBe('gzip body ✓');
    expect((await fetcher.fetch(page(`${h.server.origin}/br`))).body).toBe('brotli body ✓');
    expect(h.server.requests.at(-1)!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('decodes by Content-Type charset, HTML meta charset and XML prolog', async () => {
    const fetcher = h.fetcher();
    expect((await fetcher.fetch(page(`${h.server.origin}/latin1`))).body).toBe('Café Crème');
    expect((await fetcher.fetch(page(`${h.server.origin}/meta-1252`))).body).toContain('<body>€ é</body>');
    expect((await fetcher.fetch(page(`${h.server.origin}/xml-latin1`))).body).toContain('<title>Técnico</title>');
  });
});

describe('redirects', () => {
  it('stops after maxRedirects', async () => {
    const fetcher = h.fetcher({ maxRedirects: 3 });
    const before = h.server.requests.length;
    const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}/loop?n=0`)));
    expect([error.name, error.code]).toEqual(['PermanentError', 'too_many_redirects']);
    expect(h.server.requests.slice(before).filter((r) => r.path.startsWith('/loop'))).toHaveLength(4);
  });

  it('follows a 303 after POST as a GET and reports the final URL', async () => {
    const response = await h.fetcher().fetch(page(`${h.server.origin}/redirect?code=303&to=%2Fecho`, {
      method: 'POST', body: '{"q":1}', headers: { 'content-type': 'application/json' },
    }));
    expect(response.url).toBe(`${h.server.origin}/echo`);
    expect(JSON.parse(response.body)).toMatchObject({ method: 'GET', body: '' });
  });

  it('keeps method and body on 307 but drops credentials when the origin changes', async () => {
    const other = `http://localhost:${h.server.port}`;
    const fetcher = h.fetcher({ allowPrivateHosts: [h.server.hostPort, `localhost:${h.server.port}`] });
    const response = await fetcher.fetch(page(`${h.server.origin}/redirect?code=307&to=${encodeURIComponent(`${other}/echo`)}`, {
      method: 'POST', body: 'payload', headers: { 'authorization-key': 'secret', accept: 'application/json' },
    }));
    const echoed = JSON.parse(response.body) as { method: string; body: string; headers: Record<string, string> };
    expect([echoed.method, echoed.body, echoed.headers.accept]).toEqual(['POST', 'payload', 'application/json']);
    expect(echoed.headers['authorization-key']).toBeUndefined();
  });
});

describe('timeouts', () => {
  it('times out waiting for response headers', async () => {
    const fetcher = h.fetcher({ bodyTimeoutMs: 300, maxAttempts: 1 });
    const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}/slow-headers?ms=3000`)));
    expect([error.name, error.code]).toEqual(['RetryableError', 'timeout']);
  });

  it('times out a body that stalls', async () => {
    const fetcher = h.fetcher({ bodyTimeoutMs: 300, maxAttempts: 1 });
    const started = Date.now();
    const error = await rejectionOf(fetcher.fetch(page(`${h.server.origin}/slow-body?ms=3000`)));
    expect([error.name, error.code]).toEqual(['RetryableError', 'timeout']);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('times out a connection whose TLS handshake never completes', async () => {
    const silent = net.createServer(() => undefined); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const fetcher = h.fetcher({ allowPrivateHosts: [`127.0.0.1:${port}`], respectRobots: false, connectTimeoutMs: 300, maxAttempts: 1 });
      const error = await rejectionOf(fetcher.fetch(page(`https://127.0.0.1:${port}/`)));
      expect([error.name, error.code]).toEqual(['RetryableError', 'timeout']);
    } finally {
      silent.close();
    }
  });
});
