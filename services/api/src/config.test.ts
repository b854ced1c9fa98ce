import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('api config', () => {
  it('reads TRUST_PROXY as a list of proxy addresses and ranges, and leaves it off by default', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({}).AUTH_FAILURE_MAX).toBe(30);
  });

  it('names a TRUST_PROXY entry that is not an address or range', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,proxy.example' })).toThrow(/TRUST_PROXY: not an address or CIDR range: proxy\.example/);
  });
});
