import type { Repositories } from '@himatch/db';
import type { ListingWithId } from '@himatch/matcher';

/** All open listings, keyset-paged out of Postgres. */
export async function loadOpenListings(repos: Repositories, pageSize = 5000): Promise<ListingWithId[]> {
  const out: ListingWithId[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await repos.listings.listOpenForMatching(pageSize, after);
    for (const row of page) out.push({ ...row.data, id: row.id });
    if (page.length < pageSize) return out;
    after = page[page.length - 1]?.id;
  }
}
