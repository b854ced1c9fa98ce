import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// API keys: `hm_<prefix>_<secret>`. Only the SHA-256 of the whole key is stored; the prefix
// (also stored) lets a user and an operator tell keys apart without the secret. A key has
// 192 bits of randomness, so a fast hash is enough (no password stretching needed).

export const API_KEY_ROLES = ['operator', 'recruiter', 'candidate'] as const;
export type ApiKeyRoleName = (typeof API_KEY_ROLES)[number];

export interface GeneratedApiKey {
  /** Shown once to the user, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const key = `hm_${prefix}_${secret}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The prefix of a well-formed key, else null (a malformed key is rejected before any lookup). */
export function apiKeyPrefix(key: string): string | null {
  const match = /^hm_([0-9a-f]{8})_[A-Za-z0-9_-]{32}$/.exec(key);
  return match?.[1] ?? null;
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
