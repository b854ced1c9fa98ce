import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './schema.generated.ts';

/**
 * A hot-path statement whose text never changes within a process: written once with named
 * parameters (`:name`; `::` casts are left alone), turned into `$1…$n` text once, then each call
 * only lines its values up. Building and compiling a large query on every call was a tenth of
 * the normalizer's CPU; this skips both (results still pass through the camel-case plugin).
 */
export function hotStatement<R, P extends Record<string, unknown>>(template: string): (db: Kysely<DB>, params: P) => Promise<QueryResult<R>> {
  const names: string[] = [];
  const text = template.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_, name: string) => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return async (db, params) => {
    const values = names.map((name) => {
      if (!(name in params)) throw new Error(`hot statement parameter :${name} has no value`);
      return params[name];
    });
    return db.executeQuery<R>(CompiledQuery.raw(text, values));
  };
}
