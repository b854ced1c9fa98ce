import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { camelCase } from '../database.ts';
import type { DB } from '../schema.generated.ts';
import { closeMissingQuery } from './listing.repository.ts';

// A Kysely that compiles but never connects: these tests pin the SQL shape of the queries
// whose correctness depends on it (index use, keyset paging, one-statement updates).
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [camelCase()],
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('compiled SQL', () => {
  it('closeMissing is one update that counts and closes in the same statement', () => {
    const { sql, parameters } = closeMissingQuery(db, 'src', 'run', 2).compile();
    expect(squash(sql)).toBe(
      'update "listing" set "missed_runs" = "missed_runs" + $1, ' +
        `"status" = case when missed_runs + 1 >= $2 then 'closed' else status end, ` +
        `"closed_reason" = case when missed_runs + 1 >= $3 then 'not_seen' else closed_reason end ` +
        'where "source_id" = $4 and "status" = $5 and "last_seen_run_id" is distinct from $6 returning "id", "status"',
    );
    expect(parameters).toEqual([1, 2, 2, 'src', 'open', 'run']);
  });
});
