import { listingSchema } from '@himatch/core';
import type { ListingWithId } from '@himatch/matcher';
import { UsageError } from './profile-file.ts';
import { readInput } from './read-input.ts';

/** Listings as `himatch normalize` prints them; each gets an id (its `id` field, else its position). */
export async function readListingsFile(file: string): Promise<ListingWithId[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readInput(file));
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(json)) throw new UsageError(`${file}: expected a JSON array of listings`);
  return json.map((item, i) => {
    const parsed = listingSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${file}: listing ${i + 1}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const id = typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `listing-${String(i + 1).padStart(4, '0')}`;
    return { ...parsed.data, id };
  });
}
