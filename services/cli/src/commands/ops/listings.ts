import { performance } from 'node:perf_hooks';
import { matchDocument } from '@himatch/matcher';
import { sameJobDoc } from '@himatch/normalizer';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../profile-file.ts';
import { createProgress } from '../../progress.ts';
import { intFlag, str, type Command } from '../command.ts';
import { onlyFlags } from './shared.ts';

// `himatch listings refresh-docs [--all] [--batch N]`: (re)writes each listing's stored match
// and same-job documents from its data. Without --all, only listings that lack them (stored
// before those columns existed, or imported); with --all, every listing, as needed after an
// upgrade that changes what matchDocument or sameJobDoc produce.

async function refreshDocs(ctx: CliContext, v: Record<string, unknown>): Promise<void> {
  onlyFlags(v, ['all', 'batch'], 'listings refresh-docs');
  const all = v['all'] === true;
  const batch = intFlag(str(v['batch']) ?? '500', '--batch', 1, 10_000);
  const t0 = performance.now();
  const total = await ctx.repos.listings.countDocsToRefresh(all);
  const progress = createProgress('refreshing listing documents');
  let updated = 0;
  let after: string | null = null;
  try {
    for (;;) {
      const rows = await ctx.repos.listings.docsToRefresh(after, batch, all);
      if (rows.length === 0) break;
      updated += await ctx.repos.listings.setDocs(rows.map((r) => ({ id: r.id, matchDoc: matchDocument(r.data), sameJob: sameJobDoc(r.data) })));
      after = rows.at(-1)!.id;
      progress.update(updated, Math.max(total, updated), `${Math.round(updated / Math.max(0.001, (performance.now() - t0) / 1000))}/s`);
    }
  } finally {
    progress.stop();
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  ctx.print(() => `refreshed the documents of ${updated} listing${updated === 1 ? '' : 's'} in ${seconds} s${all ? '' : ' (those that lacked them; --all rewrites every listing)'}`, { updated, seconds, all });
}

export const listingsCommand: Command = {
  usage: 'himatch listings refresh-docs [--all] [--batch N]   write stored match and same-job documents (missing ones; --all: every listing, after an upgrade)',
  options: { all: { type: 'boolean' }, batch: { type: 'string' } },
  async run(ctx, v, [sub, ...rest]) {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (sub === 'refresh-docs') return refreshDocs(ctx, v);
    throw new UsageError(sub ? `unknown subcommand "listings ${sub}"` : 'himatch listings needs a subcommand: refresh-docs');
  },
};
