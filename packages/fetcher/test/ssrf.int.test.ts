import { describe, expect, it } from 'vitest';
import { systemResolve, type ResolveHost } from '../src/index.ts';
import { page, rejectionOf, useHarness } from './harness.ts';

const h = useHarness();

// Names that look public but resolve privately, answered by an injected resolver (no
// internet here, so services like nip.io cannot be used).
const FAKE_DNS: Record<string, Array<{ address: string; family: number }>> = {
  'internal.example.test': [{ address: '10.0.0.5', family: 4 }],
  'mixed.example.test': [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.10', family: 4 }],
  'v6-private.example.test': [{ address: 'fd00::1', family: 6 }],
  'metadata.example.test': [{ address: '169.254.169.254', family: 4 }],
  'mapped.example.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
};
const fakeResolve: ResolveHost = async (name) => FAKE_DNS[name] ?? systemResolve(name);

function blockedVectors(port: number): string[] {
  return [
    'http://127.0.0.1/',
    'http://2130706433/', // decimal
    'http://0177.0.0.1/', // octal
    'http://0x7f.0x0.0x0.0x1/', // hex per part
    'http://0x7f000001/', // hex whole
    'http://127.1/', // short form
    'http://0/',
    'http://0.0.0.0/',
    'http://127.0.0.1./', // trailing dot
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[0:0:0:0:0:ffff:127.0.0.1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/', // mapped 169.254.169.254
    'http://[::127.0.0.1]/', // deprecated IPv4-compatible
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://100.127.255.254/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://240.0.0.1/',
    'http://192.0.2.1/', // TEST-NET-1
    'http://198.51.100.7/', // TEST-NET-2
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://[ff02::1]/',
    'http://[2001:db8::1]/', // documentation
    'http://[64:ff9b::a00:1]/', // NAT64 of 10.0.0.1
    'http://[64:ff9b::7f00:1]/', // NAT64 of 127.0.0.1
    'http://[2002:7f00:1::1]/', // 6to4 of 127.0.0.1
    'http://[2002:c0a8:101::1]/', // 6to4 of 192.168.1.1
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', // Teredo
    'http://localhost/',
    `http://localhost:${port}/ok`, // allow-list is per host:port entry
    `http://127.0.0.1:${port + 1}/ok`, // same host, other port
    'http://internal.example.test/',
    'http://mixed.example.test/',
    'http://v6-private.example.test/',
    'http://metadata.example.test/',
    'http://mapped.example.test/',
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/_stats',
    'ftp://example.com/pub/',
  ];
}

describe('SSRF guard', () => {
  it('blocks every private, reserved, encoded or non-http vector that is not allow-listed', async () => {
    const fetcher = h.fetcher({ resolve: fakeResolve, maxAttempts: 1 });
    const vectors = blockedVectors(h.server.port);
    expect(vectors.length).toBeGreaterThanOrEqual(30);
    const before = h.server.requests.length;
    for (const url of vectors) {
      const error = await rejectionOf(fetcher.fetch(page(url)));
      expect({ url, name: error.name, code: error.code }).toEqual({ url, name: 'SsrfBlockedError', code: 'ssrf_blocked' });
    }
    expect(h.server.requests.length).toBe(before);
  });

  it('names the address class in the message', async () => {
    const fetcher = h.fetcher({ resolve: fakeResolve });
    expect((await rejectionOf(fetcher.fetch(page('http://169.254.169.254/')))).message).toMatch(/linkLocal/);
    expect((await rejectionOf(fetcher.fetch(page('http://[::ffff:127.0.0.1]/')))).message).toMatch(/loopback IPv4 wrapped in ipv4Mapped/);
    expect((await rejectionOf(fetcher.fetch(page('http://mixed.example.test/')))).message).toMatch(/192\.168\.0\.10 \(private IPv4\)/);
  });

  it('still fetches the allow-listed test server', async () => {
    const fetcher = h.fetcher({ resolve: fakeResolve });
    const response = await fetcher.fetch(page(`${h.server.origin}/ok`));
    expect(response.status).toBe(200);
    expect(response.body).toBe('hello himatch-bot/0.1 (+https://himatch.example/bot)');
  });

  it('re-checks redirect targets: private, metadata and loopback-v6 hops are refused', async () => {
    const fetcher = h.fetcher({ resolve: fakeResolve, maxAttempts: 1 });
    const targets = [
      `http://127.0.0.1:${h.server.port + 1}/`,
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${h.server.port}/ok`,
      `http://localhost:${h.server.port}/ok`,
      'http://internal.example.test/admin',
      'file:///etc/passwd',
    ];
    for (const to of targets) {
      const url = `${h.server.origin}/redirect?to=${encodeURIComponent(to)}`;
      const error = await rejectionOf(fetcher.fetch(page(url)));
      expect({ to, code: error.code }).toEqual({ to, code: 'ssrf_blocked' });
    }
  });

  it('refuses a DNS answer that changes to a private address between the check and connect', async () => {
    let calls = 0;
    // First answer (the pre-check) looks public; the connect-time answer is the test server.
    const rebinding: ResolveHost = async () => {
      calls += 1;
      return calls === 1 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    };
    const fetcher = h.fetcher({ resolve: rebinding, respectRobots: false, maxAttempts: 1 });
    const before = h.server.requests.length;
    const error = await rejectionOf(fetcher.fetch(page(`http://rebind.example.test:${h.server.port}/ok`)));
    expect(error.code).toBe('ssrf_blocked');
    expect(calls).toBe(2);
    expect(h.server.requests.length).toBe(before);
  });
});
