import { gapAnalysis, gapFilter, rankListings, rankReachable, type ListingWithId, type RankResult } from '@himatch/matcher';
import type { CliContext } from '../context.ts';
import { readProfileFile } from '../profile-file.ts';
import { readListingsFile } from '../listings-file.ts';
import { loadOpenListings } from '../stored-listings.ts';
import { formatTable } from '../table.ts';
import { describeMatch } from '../describe-match.ts';

/**
 * `himatch match --profile FILE [--listings FILE | --all]`: ranked listings with the reason for
 * each. Stored listings: those within the candidate's reach, ranked as the API and the matcher
 * service rank them (pre-filter, documents read by score bound); `--all` ranks every stored open
 * listing, ineligible ones included; `--listings FILE` ranks every listing in the file.
 */
export async function matchCommand(ctx: CliContext, args: { profile: string; listings?: string; limit: number; all?: boolean }): Promise<void> {
  const profile = await readProfileFile(args.profile);
  const byId = new Map<string, ListingWithId>();
  let ranked: RankResult;
  let scope: string;
  if (args.listings || args.all) {
    const listings = args.listings ? await readListingsFile(args.listings) : await loadOpenListings(ctx.repos);
    for (const l of listings) byId.set(l.id, l);
    ranked = rankListings(profile, listings, { limit: args.limit });
    scope = args.listings ? 'listings in the file' : 'open listings';
  } else {
    const plausible = ctx.repos.plausibleListings;
    ranked = await rankReachable(profile, {
      sketches: (filter) => plausible.sketches(filter),
      documents: async (ids) => {
        const docs = await plausible.documents(ids);
        for (const l of docs) byId.set(l.id, l);
        return docs;
      },
    }, { limit: args.limit });
    scope = 'open listings within reach';
  }
  ctx.print(
    () => [
      formatTable(['#', 'eligibility', 'score', 'title', 'employer', 'why'],
        ranked.results.map((m, i) => [i + 1, m.eligibility, m.score, byId.get(m.listingId)?.title, byId.get(m.listingId)?.employer, describeMatch(m, 90)])),
      '',
      `${ranked.total} ${scope} ranked; showing ${ranked.results.length}.`,
    ].join('\n'),
    { results: ranked.results, total: ranked.total, nextCursor: ranked.nextCursor },
  );
}

/** `himatch gaps --profile FILE`: the single next credential or degree that opens the most listings. */
export async function gapsCommand(ctx: CliContext, args: { profile: string; listings?: string }): Promise<void> {
  const profile = await readProfileFile(args.profile);
  // Stored listings: those within the candidate's reach and wanted role families, as the API answers.
  const listings = args.listings ? await readListingsFile(args.listings) : await ctx.repos.plausibleListings.forCandidate(gapFilter(profile));
  const gaps = gapAnalysis(profile, listings);
  const money = (n: number | null): string => (n === null ? '-' : `$${Math.round(n).toLocaleString('en-US')}`);
  ctx.print(
    () => formatTable(['step', 'kind', '+eligible', '+conditional', 'median pay before', 'median pay after'],
      gaps.map((g) => [g.step, g.kind, g.additionalEligible, g.additionalConditional, money(g.medianAnnualPayBefore), money(g.medianAnnualPayAfter)])),
    gaps,
  );
}
