import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Listing } from '@himatch/core';
import type { DB } from '../schema.generated.ts';

/**
 * What one candidate could plausibly be eligible for, in SQL terms (built by
 * @himatch/matcher `plausibleFilter`): the roles they want (null = any), every credential
 * they have some standing on, the radius box around home, the home state, remote openness.
 */
export interface PlausibleFilter {
  roles: string[] | null;
  credentials: string[];
  box: { latMin: number; latMax: number; lonMin: number; lonMax: number } | null;
  region: string | null;
  remote: boolean;
  /** Remote listings are many and reach everyone: only the newest this many are read. */
  remoteLimit: number;
}

type Q = SelectQueryBuilder<DB, 'listing', { id: string; data: Listing }>;

/**
 * Forward-matching pre-filter: three index-backed branches (partial indexes of migration
 * 20261125002000) instead of ranking every open listing. A listing is returned when it can
 * be anything but ineligible by place, role family and credentials; the matcher decides.
 */
export class PlausibleListingRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async forCandidate(f: PlausibleFilter): Promise<{ id: string; data: Listing }[]> {
    const branches: Q[] = [];
    if (f.box) {
      const b = f.box;
      branches.push(this.#base(f).where('workMode', '<>', 'remote').where('lat', '>=', b.latMin).where('lat', '<=', b.latMax)
        .where('lon', '>=', b.lonMin).where('lon', '<=', b.lonMax));
    }
    if (f.region) {
      // Sites without coordinates: the place is unknown, so only the home state can be matched.
      branches.push(this.#base(f).where('workMode', '<>', 'remote').where('lat', 'is', null).where('region', '=', f.region));
    }
    if (f.remote) {
      const open = f.region ? [f.region, 'US'] : ['US'];
      branches.push(this.#base(f).where('workMode', '=', 'remote')
        .where((eb) => eb.or([eb('remoteRegions', '=', sql<string[]>`'{}'::text[]`), eb('remoteRegions', '&&', sql<string[]>`${open}::text[]`)]))
        .orderBy('postedAt', 'desc').limit(f.remoteLimit));
    }
    const rows: { id: string; data: Listing }[] = [];
    // Separate statements: each keeps its own index plan (a UNION would plan them together).
    for (const branch of branches) rows.push(...(await branch.execute()));
    return rows;
  }

  #base(f: PlausibleFilter): Q {
    let q = this.#db.selectFrom('listing').select(['id', 'data']).where('status', '=', 'open');
    const roles = f.roles;
    if (roles) q = q.where((eb) => eb.or([eb('role', '=', sql<string>`any(${roles}::text[])`), eb('role', 'is', null)]));
    // Necessary, not sufficient: every required group needs some standing, so at least one id must match.
    return q.where((eb) => eb.or([
      eb('requiredCredentials', '=', sql<string[]>`'{}'::text[]`),
      eb('requiredCredentials', '&&', sql<string[]>`${f.credentials}::text[]`),
    ]));
  }
}
