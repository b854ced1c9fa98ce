import type { Redis } from 'ioredis';
import { parseSourceConfig } from '@himatch/sources';
import { sourceKindSchema, type SourceKind } from '@himatch/core';
import type { NewSource, Repositories, SourceRow } from '@himatch/db';
import { getQueueCounts, type Producer, type QueueCounts, type QueueName } from '@himatch/queue';

// The operator's code paths shared by `himatch demo`, `himatch crawl`, `himatch sources`
// and the integration tests: register sources, start runs, wait for the pipeline.

export interface SourceSpec {
  kind: SourceKind;
  name: string;
  config: Record<string, unknown>;
  cron?: string | null;
}

/** Creates the source, or updates its config when a source of that name exists (idempotent). */
export async function upsertSource(repos: Repositories, spec: SourceSpec): Promise<SourceRow> {
  const kind = sourceKindSchema.parse(spec.kind);
  // Validated by the adapter's schema, so it is plain JSON.
  const config = parseSourceConfig(kind, spec.config) as NonNullable<NewSource['config']>;
  const existing = await repos.sources.getByName(spec.name);
  if (!existing) {
    return repos.sources.create({ kind, name: spec.name, config, cron: spec.cron ?? null, enabled: true, politeness: {} });
  }
  const updated = await repos.sources.update(existing.id, { config, cron: spec.cron ?? existing.cron });
  return updated ?? existing;
}

/** Starts one run per source ("crawl now"); returns the run ids. */
export async function startRuns(repos: Repositories, producer: Producer, sourceIds: string[]): Promise<string[]> {
  const runIds: string[] = [];
  for (const sourceId of sourceIds) {
    const run = await repos.crawlRuns.start(sourceId);
    await producer.enqueue('crawl.source', { sourceId, runId: run.id });
    runIds.push(run.id);
  }
  return runIds;
}

export interface PipelineProgress {
  runsFinished: number;
  runsTotal: number;
  pages: number;
  postings: number;
  queues: Record<QueueName, QueueCounts>;
}

const busy = (c: QueueCounts): number => c.waiting + c.active + c.delayed + (c.prioritized ?? 0);

/**
 * Waits until every run has finished and no queue has work left (checked twice in a row,
 * since a finishing job may enqueue the next step).
 */
export async function waitForPipeline(
  repos: Repositories, redis: Redis, prefix: string, runIds: string[],
  options: { timeoutMs: number; onProgress?: (p: PipelineProgress) => void },
): Promise<PipelineProgress> {
  const deadline = Date.now() + options.timeoutMs;
  let quietPolls = 0;
  for (;;) {
    const runs = await Promise.all(runIds.map((id) => repos.crawlRuns.get(id)));
    const queues = await getQueueCounts(redis, prefix);
    const progress: PipelineProgress = {
      runsFinished: runs.filter((r) => r?.finishedAt).length,
      runsTotal: runIds.length,
      pages: runs.reduce((n, r) => n + (r?.pages ?? 0), 0),
      postings: runs.reduce((n, r) => n + (r?.postingsSeen ?? 0), 0),
      queues,
    };
    options.onProgress?.(progress);
    const idle = Object.values(queues).every((c) => busy(c) === 0);
    quietPolls = idle && progress.runsFinished === progress.runsTotal ? quietPolls + 1 : 0;
    if (quietPolls >= 2) return progress;
    if (Date.now() > deadline) throw new Error(`pipeline did not finish within ${options.timeoutMs} ms (${progress.runsFinished}/${progress.runsTotal} runs done)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
