import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, signatureHeader } from './webhook.ts';

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
});
