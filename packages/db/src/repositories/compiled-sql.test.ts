import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { camelCase } from '../database.ts';
import type { DB } from '../schema.generated.ts';
import { listingSearchQuery } from './listing-search.ts';
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
  it('search uses the tsvector, the credential GIN containment and a (posted_at, id) keyset', () => {
    const { sql, parameters } = listingSearchQuery(db, {
      q: 'inpatient coder', credential: 'CCS', limit: 20, after: { postedAt: '2026-11-01T00:00:00.000Z', id: 'abc' },
    }).compile();
    const text = squash(sql);
    expect(text).toContain(`"status" = $1`);
    expect(text).toContain(`search_vector @@ websearch_to_tsquery('english', $2)`);
    expect(text).toContain(`"accepted_credentials" @> array[$3]::text[]`);
    expect(text).toContain('(posted_at < $4 or (posted_at = $5 and id < $6) or posted_at is null)');
    expect(text).toMatch(/order by posted_at desc nulls last, "id" desc limit \$7$/);
    expect(parameters).toEqual(['open', 'inpatient coder', 'CCS', new Date('2026-11-01T00:00:00.000Z'), new Date('2026-11-01T00:00:00.000Z'), 'abc', 20]);
  });

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
