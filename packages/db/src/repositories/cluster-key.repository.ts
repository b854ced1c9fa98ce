import type { Kysely } from 'kysely';
import { hotStatement } from '../hot-statement.ts';
import type { Listing } from '@himatch/core';
import type { DB } from '../schema.generated.ts';

export interface ClusterCandidate {
  clusterId: string;
  canonicalListingId: string | null;
  /** The canonical listing's same-job document (@himatch/normalizer sameJobDoc); null when it is gone or was stored before those were. */
  sameJob: unknown;
  /** The canonical listing's data, only when it has no same-job document (its HTML blanked). */
  canonical: Listing | null;
}

/** Blocking keys of duplicate clusters: which clusters a listing should be compared with (keys are written by storeListing). */
export class ClusterKeyRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /**
   * Clusters holding listings that share any of these keys: the `limit` newest per key (a
   * generic key can be shared by hundreds of distinct jobs; each key's newest are read from
   * an index in order), those sharing an exact key (source id, requisition, apply link,
   * fingerprint; every key but the normalizer's `tep:` title-employer-place key) first, then
   * newest first, so a listing's own cluster is always among them. Only those few join their
   * canonical listing's same-job document (its whole data, HTML blanked, for a listing stored
   * before those were).
   */
  async candidates(keys: string[], limit = 24): Promise<ClusterCandidate[]> {
    if (keys.length === 0) return [];
    return (await candidatesStatement(this.#db, { keys, limit })).rows;
  }
}

const candidatesStatement = hotStatement<ClusterCandidate, { keys: string[]; limit: number }>(`
  select c.id as cluster_id, c.canonical_listing_id, l.same_job,
    case when l.same_job is null then jsonb_set(l.data, '{descriptionHtml}', '""') end as canonical
  from (
    select cluster_id, max(added_at) as added_at, bool_or(k.key not like 'tep:%') as exact
    from unnest(cast(:keys as text[])) as k(key)
    cross join lateral (
      select cluster_id, added_at from listing_cluster_key where key = k.key order by added_at desc limit :limit
    ) recent
    group by cluster_id order by exact desc, added_at desc limit :limit
  ) top
  join listing_cluster c on c.id = top.cluster_id
  left join listing l on l.id = c.canonical_listing_id
  order by top.exact desc, top.added_at desc`);
