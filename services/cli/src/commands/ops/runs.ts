import { PermanentError } from '@himatch/core';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { intFlag, str, type Command } from '../command.ts';
import { runTable } from './crawl.ts';
import { clip, isUuid, onlyFlags, resolveSource, when } from './shared.ts';

// `himatch runs [--source S] [--limit N]` and `himatch runs show RUN_ID`: crawl-run history.

async function history(ctx: CliContext, v: Record<string, unknown>): Promise<void> {
  const limit = intFlag(str(v['limit']) ?? '20', '--limit', 1, 1000);
  const ref = str(v['source']);
  const sourceId = ref ? (await resolveSource(ctx.repos, ref)).id : undefined;
  const [runs, sources] = await Promise.all([ctx.repos.crawlRuns.listRecent({ sourceId, limit }), ctx.repos.sources.list()]);
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const errors = runs.filter((r) => r.error);
  ctx.print(
    () => runs.length === 0 ? 'no crawl runs yet (himatch crawl SOURCE)' : [
      runTable(runs, names),
      ...(errors.length > 0 ? ['', 'errors', formatTable(['run', 'error'], errors.map((r) => [r.id, clip(r.error, 100)]))] : []),
    ].join('\n'),
    runs.map((r) => ({ ...r, source: names.get(r.sourceId) ?? null })),
  );
}

async function showRun(ctx: CliContext, v: Record<string, unknown>, runId: string | undefined): Promise<void> {
  onlyFlags(v, ['limit'], 'runs show');
  if (!runId || !isUuid(runId)) throw new UsageError(`RUN_ID must be a run id (a uuid; himatch runs lists them), got "${runId ?? ''}"`);
  const limit = intFlag(str(v['limit']) ?? '100', '--limit', 1, 10_000);
  const run = await ctx.repos.crawlRuns.get(runId);
  if (!run) throw new PermanentError('not_found', `no crawl run ${runId}`);
  const [source, failures] = await Promise.all([ctx.repos.sources.getById(run.sourceId), ctx.repos.crawlLedger.listFailures(run.id, limit)]);
  const trigger = run.triggerJobId ? `schedule (job ${run.triggerJobId})` : 'manual';
  ctx.print(() => [
    `run ${run.id} of ${source?.name ?? run.sourceId}: ${run.status}${run.complete ? ', complete' : ''}; ${trigger}`,
    `started ${when(run.startedAt)}, finished ${when(run.finishedAt) ?? '(running)'}; ${run.pendingPages} pages pending`,
    `pages ${run.pages} · seen ${run.postingsSeen} · new ${run.new} · changed ${run.changed} · unchanged ${run.unchanged} · closed ${run.closed} · failed ${run.failed}`,
    ...(run.error ? [`error: ${run.error}`] : []),
    '',
    failures.length === 0 ? 'no failures recorded' : formatTable(['at', 'url', 'external id', 'reason'], failures.map((f) => [when(f.createdAt), clip(f.url, 70), f.externalId, clip(f.reason, 80)])),
  ].join('\n'), { run: { ...run, source: source?.name ?? null }, failures });
}

export const runsCommand: Command = {
  usage: 'himatch runs [--source ID|NAME] [--limit N] | runs show RUN_ID [--limit N]   crawl-run history with counts, errors and failures',
  options: { source: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx, v, [sub, arg, ...rest]) {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (sub === 'show') return showRun(ctx, v, arg);
    if (sub !== undefined) throw new UsageError(`unknown subcommand "runs ${sub}" (himatch runs, himatch runs show RUN_ID)`);
    return history(ctx, v);
  },
};
