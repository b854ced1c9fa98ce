import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4010, host: '127.0.0.1', count: 600, generation: 0, baseUrl: undefined });
  });

  it('parses values and trims a trailing slash from BASE_URL', () => {
    const config = loadConfig({ PORT: '0', SEED: '9', COUNT: '50', GENERATION: '2', BASE_URL: 'http://demo.local:4010/' });
    expect(config).toMatchObject({ port: 0, seed: 9, count: 50, generation: 2, baseUrl: 'http://demo.local:4010' });
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', COUNT: '0', BASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', COUNT: '0', BASE_URL: 'not a url' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('COUNT');
      expect(message).toContain('BASE_URL');
    }
  });
});
