import type { CrawlRunRow, SourceRow } from '@himatch/db';
import type { CliContext } from '../../context.ts';
import { startRuns } from '../../pipeline.ts';
import { createProgress } from '../../progress.ts';
import { UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { intFlag, str, type Command } from '../command.ts';
import { resolveSource, when } from './shared.ts';

// `himatch crawl SOURCE... [--all] [--wait]`: "crawl now", the same startRuns as the demo.

/** After this long without any change the CLI says the workers may not be running. */
const STALL_NOTICE_MS = 20_000;

async function chooseSources(ctx: CliContext, refs: string[], all: boolean): Promise<SourceRow[]> {
  if (all && refs.length > 0) throw new UsageError('give SOURCE names or --all, not both');
  if (all) return ctx.repos.sources.list({ enabled: true });
  if (refs.length === 0) throw new UsageError('name at least one SOURCE (id or name), or --all');
  const sources = [];
  for (const ref of refs) {
    const source = await resolveSource(ctx.repos, ref);
    if (!source.enabled) throw new UsageError(`source ${source.name} is paused (himatch sources resume ${source.name})`);
    sources.push(source);
  }
  return [...new Map(sources.map((s) => [s.id, s])).values()];
}

/** Polls the runs until all finished or the timeout passed; `finished` says which. */
async function waitForRuns(ctx: CliContext, runIds: string[], timeoutMs: number): Promise<{ runs: CrawlRunRow[]; finished: boolean }> {
  const progress = createProgress('crawling');
  const deadline = Date.now() + timeoutMs;
  let lastState = '';
  let lastChange = Date.now();
  let warned = false;
  const stallMs = Math.min(STALL_NOTICE_MS, timeoutMs / 2);
  try {
    for (;;) {
      const runs = (await Promise.all(runIds.map((id) => ctx.repos.crawlRuns.get(id)))).filter((r): r is CrawlRunRow => Boolean(r));
      const done = runs.filter((r) => r.finishedAt).length;
      const pages = runs.reduce((n, r) => n + r.pages, 0);
      const seen = runs.reduce((n, r) => n + r.postingsSeen, 0);
      progress.update(done, runIds.length, `runs · ${pages} pages · ${seen} postings`);
      if (done === runIds.length || Date.now() > deadline) return { runs, finished: done === runIds.length };
      const stateNow = `${done}/${pages}/${seen}`;
      if (stateNow !== lastState) [lastState, lastChange] = [stateNow, Date.now()];
      if (!warned && Date.now() - lastChange > stallMs) {
        warned = true;
        process.stderr.write(`\nnothing has moved for ${Math.round(stallMs / 1000)} s: is a crawler running against this Redis (QUEUE_PREFIX ${ctx.config.QUEUE_PREFIX})? Start one with: node services/crawler/src/main.ts\n`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    progress.stop();
  }
}

export function runTable(runs: CrawlRunRow[], names: Map<string, string>): string {
  return formatTable(
    ['started', 'source', 'status', 'pages', 'seen', 'new', 'changed', 'unchanged', 'closed', 'failed', 'run'],
    runs.map((r) => [when(r.startedAt), names.get(r.sourceId) ?? r.sourceId, r.status, r.pages, r.postingsSeen, r.new, r.changed, r.unchanged, r.closed, r.failed, r.id]),
  );
}

export const crawlCommand: Command = {
  usage: 'himatch crawl SOURCE... | --all [--wait [--timeout SECONDS]]   crawl now: start a run per source (workers do the crawling)',
  options: { all: { type: 'boolean' }, wait: { type: 'boolean' }, timeout: { type: 'string' } },
  async run(ctx, v, refs) {
    if (v['timeout'] !== undefined && v['wait'] !== true) throw new UsageError('--timeout only applies with --wait');
    const timeoutMs = intFlag(str(v['timeout']) ?? '600', '--timeout', 1, 86_400) * 1000;
    const sources = await chooseSources(ctx, refs, v['all'] === true);
    if (sources.length === 0) throw new UsageError('no enabled sources to crawl');
    const runIds = await startRuns(ctx.repos, ctx.producer, sources.map((s) => s.id));
    const names = new Map(sources.map((s) => [s.id, s.name]));
    if (v['wait'] !== true) {
      const started = sources.map((s, i) => ({ source: s.name, sourceId: s.id, runId: runIds[i] }));
      ctx.print(() => `${formatTable(['source', 'run'], started.map((s) => [s.source, s.runId]))}\n\nstarted ${runIds.length} run(s); follow them with: himatch runs`, { runs: started });
      return;
    }
    const { runs, finished } = await waitForRuns(ctx, runIds, timeoutMs);
    ctx.print(() => runTable(runs, names), { runs, finished });
    if (!finished) {
      process.stderr.write(`himatch: runs not finished after ${timeoutMs / 1000} s; they go on in the background (himatch runs)\n`);
      return 1;
    }
    return runs.every((r) => r.status === 'succeeded' || r.status === 'partial') ? 0 : 1;
  },
};
