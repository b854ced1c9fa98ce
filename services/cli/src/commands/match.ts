import { gapAnalysis, gapFilter, rankListings, type ListingWithId } from '@himatch/matcher';
import type { CliContext } from '../context.ts';
import { readProfileFile } from '../profile-file.ts';
import { readListingsFile } from '../listings-file.ts';
import { loadOpenListings } from '../stored-listings.ts';
import { formatTable } from '../table.ts';
import { describeMatch } from '../describe-match.ts';

async function listingsFor(ctx: CliContext, file: string | undefined): Promise<ListingWithId[]> {
  return file ? readListingsFile(file) : loadOpenListings(ctx.repos);
}

/** `himatch match --profile FILE [--listings FILE]`: ranked listings with the reason for each. */
export async function matchCommand(ctx: CliContext, args: { profile: string; listings?: string; limit: number }): Promise<void> {
  const profile = await readProfileFile(args.profile);
  const listings = await listingsFor(ctx, args.listings);
  const ranked = rankListings(profile, listings, { limit: args.limit });
  const byId = new Map(listings.map((l) => [l.id, l]));
  ctx.print(
    () => [
      formatTable(['#', 'eligibility', 'score', 'title', 'employer', 'why'],
        ranked.results.map((m, i) => [i + 1, m.eligibility, m.score, byId.get(m.listingId)?.title, byId.get(m.listingId)?.employer, describeMatch(m, 90)])),
      '',
      `${ranked.total} listings ranked; showing ${ranked.results.length}.`,
    ].join('\n'),
    ranked,
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
