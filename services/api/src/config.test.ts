import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('api config', () => {
  it('reads TRUST_PROXY as a list of proxy addresses and ranges, and leaves it off by default', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({}).AUTH_FAILURE_MAX).toBe(30);
  });

  it('takes an empty ADMIN_SESSION_SECRET for unset, and refuses a short one by name', () => {
    expect(loadConfig({ ADMIN_SESSION_SECRET: '' }).ADMIN_SESSION_SECRET).toBeUndefined();
    const secret = 'x'.repeat(32);
    expect(loadConfig({ ADMIN_SESSION_SECRET: secret }).ADMIN_SESSION_SECRET).toBe(secret);
    expect(() => loadConfig({ ADMIN_SESSION_SECRET: 'short' })).toThrow(/ADMIN_SESSION_SECRET/);
  });

  it('names a TRUST_PROXY entry that is not an address or range', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,proxy.example' })).toThrow(/TRUST_PROXY: not an address or CIDR range: proxy\.example/);
  });
});
