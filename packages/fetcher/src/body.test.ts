import { describe, expect, it } from 'vitest';
import { decodeText } from './body.ts';
import { backoffMs, parseRetryAfter } from './retry.ts';

describe('decodeText', () => {
  const latin1 = Buffer.from('Caf\xe9', 'latin1');

  it('prefers the Content-Type charset', () => {
    expect(decodeText(latin1, 'text/plain; charset="iso-8859-1"')).toBe('Café');
  });

  it('falls back to UTF-8, and to UTF-8 for unknown labels', () => {
    expect(decodeText(Buffer.from('Café ✓'), undefined)).toBe('Café ✓');
    expect(decodeText(Buffer.from('Café'), 'text/plain; charset=x-unknown-thing')).toBe('Café');
  });

  it('lets a BOM win over the declared charset', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hé', 'utf16le')]);
    expect(decodeText(utf16, 'text/plain; charset=iso-8859-1')).toBe('Hé');
  });

  it('reads the http-equiv meta form', () => {
    const html = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), Buffer.from([0x93, 0x61, 0x94])]);
    expect(decodeText(html, 'text/html')).toContain('“a”');
  });
});

describe('retry timing', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2026-09-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Sep 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Sep 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('grows the backoff ceiling exponentially and respects the cap', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, 100, 10_000)).toBeLessThanOrEqual(100);
      expect(backoffMs(4, 100, 10_000)).toBeLessThanOrEqual(800);
      expect(backoffMs(4, 100, 10_000)).toBeGreaterThanOrEqual(50);
      expect(backoffMs(20, 100, 1_000)).toBeLessThanOrEqual(1_000);
    }
  });
});
