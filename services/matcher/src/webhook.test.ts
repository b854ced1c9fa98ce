import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, postAlert, signatureHeader } from './webhook.ts';

const target = (url: string, resolved: string[] = ['93.184.215.14'], allowHosts: string[] = []) => ({
  url: new URL(url), secret: 'x'.repeat(16), allowHosts, timeoutMs: 1000,
  resolve: async () => resolved.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
});

describe('webhook', () => {
  it('signs "t.body" with HMAC-SHA256 of the secret', () => {
    const body = '{"a":1}';
    const header = signatureHeader(body, 'secret-key-123456', 1_700_000_000);
    const mac = createHmac('sha256', 'secret-key-123456').update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${mac}`);
    expect(signatureHeader(`${body} `, 'secret-key-123456', 1_700_000_000)).not.toBe(header);
  });

  it('accepts a host that resolves to public addresses only', async () => {
    await expect(checkWebhookTarget(target('https://hooks.example.com/x'))).resolves.toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1:8080/x', []],
    ['http://169.254.169.254/latest/meta-data', []],
    ['http://[::ffff:10.0.0.1]/x', []],
    ['https://hooks.example.com/x', ['93.184.215.14', '10.1.2.3']],
    ['https://rebind.example.com/x', ['::1']],
  ])('blocks %s (resolving to %j)', async (url, resolved) => {
    await expect(checkWebhookTarget(target(url, resolved.length ? resolved : undefined))).rejects.toMatchObject({ code: 'ssrf_blocked', retryable: false });
  });

  it('lets an allow-listed local receiver through, and only on its port', async () => {
    await expect(checkWebhookTarget(target('http://127.0.0.1:4555/x', [], ['127.0.0.1:4555']))).resolves.toBeUndefined();
    await expect(checkWebhookTarget(target('http://127.0.0.1:4556/x', [], ['127.0.0.1:4555']))).rejects.toMatchObject({ code: 'ssrf_blocked' });
  });

  it('refuses other schemes and URLs with credentials', async () => {
    await expect(checkWebhookTarget(target('ftp://hooks.example.com/x'))).rejects.toMatchObject({ code: 'ssrf_blocked' });
    await expect(checkWebhookTarget(target('https://user:pw@hooks.example.com/x'))).rejects.toMatchObject({ code: 'ssrf_blocked' });
  });

  it('judges the address again when it dials: a host that rebinds to a private address after the check is refused', async () => {
    // A real receiver on loopback, reached under a name: the first answer is public (the check
    // passes), every later one is the receiver's loopback address.
    let posts = 0;
    const server = createServer((_req, res) => {
      posts += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      let lookups = 0;
      const rebinding = {
        url: new URL(`http://hooks.example.com:${port}/x`), secret: 'x'.repeat(16), allowHosts: [], timeoutMs: 2000,
        resolve: async () => [{ address: lookups++ === 0 ? '93.184.215.14' : '127.0.0.1', family: 4 }],
      };
      await expect(postAlert(rebinding, 'd-1', '{}')).rejects.toMatchObject({ code: 'ssrf_blocked', retryable: false });
      expect(lookups).toBeGreaterThanOrEqual(2);
      expect(posts).toBe(0);
      // The same receiver, allow-listed by its real host:port, is delivered to.
      const allowed = { ...rebinding, url: new URL(`http://127.0.0.1:${port}/x`), allowHosts: [`127.0.0.1:${port}`] };
      await expect(postAlert(allowed, 'd-2', '{}')).resolves.toBe(200);
      expect(posts).toBe(1);
    } finally {
      server.close();
    }
  });
});
