import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.generated.ts';
import type { ApiKeyRow } from '../rows.ts';

export type ApiKeyRole = ApiKeyRow['role'];

export interface NewApiKey {
  /** The first characters of the key, shown to users to tell keys apart. */
  prefix: string;
  /** sha256 hex of the secret; the secret itself is never stored. */
  hash: string;
  role: ApiKeyRole;
  candidateId?: string | null;
  label?: string | null;
}

/** Listed keys, without their hashes. */
export type ApiKeySummary = Omit<ApiKeyRow, 'hash'>;

const SUMMARY = ['id', 'prefix', 'role', 'candidateId', 'label', 'createdAt', 'revokedAt', 'lastUsedAt'] as const;

export class ApiKeyRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  create(key: NewApiKey): Promise<ApiKeySummary> {
    return this.#db.insertInto('apiKey').values(key).returning(SUMMARY).executeTakeFirstOrThrow();
  }

  /** An active (not revoked) key by the hash of the presented secret. */
  findByHash(hash: string): Promise<ApiKeySummary | undefined> {
    return this.#db.selectFrom('apiKey').select(SUMMARY).where('hash', '=', hash).where('revokedAt', 'is', null).executeTakeFirst();
  }

  /** An active key by id: a dashboard session names its key and re-checks it on every request. */
  findActiveById(id: string): Promise<ApiKeySummary | undefined> {
    return this.#db.selectFrom('apiKey').select(SUMMARY).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
  }

  async touchLastUsed(id: string): Promise<void> {
    await this.#db.updateTable('apiKey').set({ lastUsedAt: sql<Date>`now()` }).where('id', '=', id).execute();
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('apiKey')
      .set({ revokedAt: sql<Date>`now()` })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  list(): Promise<ApiKeySummary[]> {
    return this.#db.selectFrom('apiKey').select(SUMMARY).orderBy('createdAt').orderBy('id').execute();
  }
}
