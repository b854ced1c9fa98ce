import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';

export interface CredentialDemand {
  credential: string;
  requiring: number;
  preferring: number;
  /** Shares of all open listings (0..1). */
  requiringShare: number;
  preferringShare: number;
}

export interface PayDistribution {
  role: string;
  state: string | null;
  count: number;
  p25: number;
  median: number;
  p75: number;
}

export interface MarketScope {
  roles?: string[];
  states?: string[];
}

/** Labor-market aggregates over the open listings; every query is one grouped scan. */
export class MarketRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async credentialDemand(scope: MarketScope = {}): Promise<{ total: number; credentials: CredentialDemand[] }> {
    const result = await sql<{ credential: string; requiring: number; preferring: number; total: number }>`
      with open as (select required_credentials, accepted_credentials from listing where ${scopeWhere(scope)}),
           total as (select count(*)::int as n from open)
      select c as credential,
             count(*) filter (where c = any(open.required_credentials))::int as requiring,
             count(*) filter (where not c = any(open.required_credentials))::int as preferring,
             total.n as total
      from open cross join lateral unnest(open.accepted_credentials) as c cross join total
      group by c, total.n order by requiring desc, preferring desc, c`.execute(this.#db);
    const total = result.rows[0]?.total ?? (await this.#count(scope));
    const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000);
    return {
      total,
      credentials: result.rows.map((r) => ({
        credential: r.credential, requiring: r.requiring, preferring: r.preferring,
        requiringShare: share(r.requiring), preferringShare: share(r.preferring),
      })),
    };
  }

  /** Quartiles of the annual pay midpoint per role and first-location state (listings without pay are left out). */
  async payDistribution(scope: MarketScope = {}, minCount = 1): Promise<PayDistribution[]> {
    const result = await sql<PayDistribution>`
      with paid as (
        select coalesce(role, 'unknown') as role, region as state,
               (coalesce(salary_annual_min, salary_annual_max) + coalesce(salary_annual_max, salary_annual_min)) / 2 as pay
        from listing where ${scopeWhere(scope)} and coalesce(salary_annual_min, salary_annual_max) is not null)
      select role, state, count(*)::int as count,
             round(percentile_cont(0.25) within group (order by pay))::int as p25,
             round(percentile_cont(0.5) within group (order by pay))::int as median,
             round(percentile_cont(0.75) within group (order by pay))::int as p75
      from paid group by role, state having count(*) >= ${minCount}
      order by role, state nulls last`.execute(this.#db);
    return result.rows;
  }

  async topEmployers(scope: MarketScope = {}, limit = 20): Promise<{ employer: string; count: number }[]> {
    const result = await sql<{ employer: string; count: number }>`
      select employer, count(*)::int as count from listing
      where ${scopeWhere(scope)} and employer is not null
      group by employer order by count desc, employer limit ${limit}`.execute(this.#db);
    return result.rows;
  }

  async #count(scope: MarketScope): Promise<number> {
    const result = await sql<{ n: number }>`select count(*)::int as n from listing where ${scopeWhere(scope)}`.execute(this.#db);
    return result.rows[0]?.n ?? 0;
  }
}

function scopeWhere(scope: MarketScope) {
  const parts = [sql`status = 'open'`];
  if (scope.roles?.length) parts.push(sql`role = any(${scope.roles}::text[])`);
  if (scope.states?.length) parts.push(sql`regions && ${scope.states}::text[]`);
  return sql.join(parts, sql` and `);
}
