import { describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { hotStatement } from './hot-statement.ts';
import type { DB } from './schema.generated.ts';

// Captures what would be sent, without a server: the text and values are the point here.
function capturing(): { db: Kysely<DB>; sent: CompiledQuery[] } {
  const sent: CompiledQuery[] = [];
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: async () => ({
    connect: async () => ({ query: async (text: string, values: unknown[]) => { sent.push({ sql: text, parameters: values } as unknown as CompiledQuery); return { rows: [], command: 'SELECT', rowCount: 0 }; }, release: () => {} }),
    end: async () => {},
  }) as never }) });
  return { db, sent };
}

describe('hotStatement', () => {
  it('numbers named parameters once each, keeps casts, and lines values up by name', async () => {
    const { db, sent } = capturing();
    const run = hotStatement<unknown, { id: string; tags: string[]; n: number }>(`select :id::uuid, cast(:tags as text[]), '{}'::text[], :id, :n`);
    await run(db, { n: 3, tags: ['a'], id: 'x' });
    expect(sent[0]!.sql).toBe(`select $1::uuid, cast($2 as text[]), '{}'::text[], $1, $3`);
    expect(sent[0]!.parameters).toEqual(['x', ['a'], 3]);
  });

  it('refuses a call missing a parameter', async () => {
    const { db } = capturing();
    const run = hotStatement<unknown, Record<string, unknown>>('select :a, :b');
    await expect(run(db, { a: 1 })).rejects.toThrow(':b has no value');
  });
});
