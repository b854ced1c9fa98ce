import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { HttpCacheRow } from '../rows.ts';

export interface HttpCacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
}

/** Validators of list/discovery pages, for conditional GETs. */
export class HttpCacheRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  get(url: string): Promise<HttpCacheRow | undefined> {
    return this.#db.selectFrom('httpCache').selectAll().where('url', '=', url).executeTakeFirst();
  }

  async put(entry: HttpCacheEntry): Promise<void> {
    await this.#db
      .insertInto('httpCache')
      .values({ ...entry, fetchedAt: sql`now()` })
      .onConflict((oc) =>
        oc.column('url').doUpdateSet((eb) => ({
          etag: eb.ref('excluded.etag'),
          lastModified: eb.ref('excluded.lastModified'),
          contentHash: eb.ref('excluded.contentHash'),
          fetchedAt: eb.ref('excluded.fetchedAt'),
        })),
      )
      .execute();
  }
}
