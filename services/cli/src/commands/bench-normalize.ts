import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RawPostingInput } from '@himatch/core';
import { cleanDescription, htmlToText, normalizePosting } from '@himatch/normalizer';
import { generatePostings } from '@himatch/samples';
import { sampleRaw } from '../eval-data.ts';
import { formatTable } from '../table.ts';
import type { Bench } from './bench.ts';
import { intFlag, str } from './command.ts';

// `himatch bench normalize`: normalizePosting over N generated postings in this one process,
// after a warm-up, against two baselines over the same description bodies: the normalizer's
// own HTML stage (cleanDescription: a sanitize-html parse plus text) and its bare regex
// HTML-to-text pass (htmlToText). Throughput per core is postings per CPU second.

const TARGET_PER_CORE = 1000;

interface Phase { name: string; wallMs: number; cpuMs: number }

/** Runs fn over every item; wall and CPU (user + system) time of the whole loop. */
function measure<T>(name: string, items: readonly T[], fn: (item: T) => unknown): Phase {
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const item of items) sink += fn(item) ? 1 : 0;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) throw new Error('unreachable');
  return { name, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export interface NormalizeBenchResult {
  postings: number;
  meanDescriptionChars: number;
  perCorePostingsPerSec: number;
  wallPostingsPerSec: number;
  meanMicrosPerPosting: number;
  ratioToCleanDescription: number;
  ratioToHtmlToText: number;
  peakRssMb: number;
  /** RSS before generating the postings: the loaded modules (ZIP data, sanitizer, zod) alone. */
  startRssMb: number;
  targetPerCore: number;
  phases: Phase[];
}

export function runNormalizeBench(count: number, seed: number): NormalizeBenchResult {
  const startRss = process.memoryUsage().rss;
  const raws: RawPostingInput[] = generatePostings({ seed, count }).map((p, i) => sampleRaw(p, 'bench', i % 2 === 1));
  const bodies = raws.map((r) => r.description ?? '');
  // Warm-up: JIT, regex compilation, the ZIP/city memo.
  const warm = raws.slice(0, Math.min(raws.length, 1000));
  for (let round = 0; round < 2; round++) {
    for (const raw of warm) normalizePosting(raw);
    for (const body of bodies.slice(0, warm.length)) htmlToText(cleanDescription(body).html);
  }
  const normalize = measure('normalizePosting', raws, (raw) => normalizePosting(raw));
  const clean = measure('cleanDescription (sanitize-html parse + text)', bodies, (body) => cleanDescription(body).text);
  const bare = measure('htmlToText (bare regex HTML-to-text)', bodies, (body) => htmlToText(body));
  const cpuMs = Math.max(normalize.cpuMs, 0.001);
  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    postings: count,
    meanDescriptionChars: Math.round(bodies.reduce((s, b) => s + b.length, 0) / Math.max(1, count)),
    perCorePostingsPerSec: Math.round(count / (cpuMs / 1000)),
    wallPostingsPerSec: Math.round(count / (normalize.wallMs / 1000)),
    meanMicrosPerPosting: round((normalize.wallMs * 1000) / count),
    ratioToCleanDescription: round(normalize.cpuMs / Math.max(clean.cpuMs, 0.001)),
    ratioToHtmlToText: round(normalize.cpuMs / Math.max(bare.cpuMs, 0.001)),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    startRssMb: round(startRss / 1_048_576),
    targetPerCore: TARGET_PER_CORE,
    phases: [normalize, clean, bare].map((p) => ({ ...p, wallMs: round(p.wallMs), cpuMs: round(p.cpuMs) })),
  };
}

function human(r: NormalizeBenchResult): string {
  const rows = r.phases.map((p) => [p.name, p.wallMs, p.cpuMs, Math.round(r.postings / (p.cpuMs / 1000)), round2((p.cpuMs * 1000) / r.postings)]);
  return [
    `himatch bench normalize: ${r.postings} generated postings (mean description ${r.meanDescriptionChars} chars), one process, ${cpus().length} cores on this machine, after warm-up`,
    '',
    formatTable(['phase', 'wall ms', 'cpu ms', 'postings/cpu-s', 'cpu µs/posting'], rows),
    '',
    `normalizePosting: ${r.perCorePostingsPerSec} postings/s per core (CPU time; target ≥ ${r.targetPerCore}) · ${r.wallPostingsPerSec} postings/s wall · ${r.meanMicrosPerPosting} µs/posting wall`,
    `ratio to the HTML stage alone: ${r.ratioToCleanDescription}× cleanDescription (sanitize-html parse + text), ${r.ratioToHtmlToText}× htmlToText (bare regex HTML-to-text)`,
    `peak RSS: ${r.peakRssMb} MB (${r.startRssMb} MB before the postings were generated)`,
  ].join('\n');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export const BENCH_NORMALIZE: Record<string, Bench> = {
  normalize: {
    summary: 'normalizePosting throughput per core over generated postings, against the bare HTML stage',
    options: { postings: { type: 'string' }, seed: { type: 'string' } },
    run(ctx, values) {
      const count = intFlag(str(values['postings']) ?? '10000', '--postings', 1, 1_000_000);
      const seed = intFlag(str(values['seed']) ?? '42', '--seed', 0, 2 ** 31 - 1);
      const result = runNormalizeBench(count, seed);
      ctx.print(() => human(result), result);
      return Promise.resolve();
    },
  },
};
