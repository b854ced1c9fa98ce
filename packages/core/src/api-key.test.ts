import { describe, expect, it } from 'vitest';
import { apiKeyPrefix, generateApiKey, hashApiKey, sameHash } from './api-key.ts';

describe('api keys', () => {
  it('stores only a hash that the key reproduces', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(hash).toBe(hashApiKey(key));
    // The secret is everything after the prefix (base64url may itself contain '_').
    expect(hash).not.toContain(key.slice('hm_'.length + prefix.length + 1));
    expect(sameHash(hash, hashApiKey(key))).toBe(true);
    expect(sameHash(hash, hashApiKey(`${key}x`))).toBe(false);
  });

  it('rejects malformed keys before any lookup', () => {
    expect(apiKeyPrefix('hm_zzzz_short')).toBeNull();
    expect(apiKeyPrefix("hm_0123abcd_' or 1=1 --")).toBeNull();
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });
});
