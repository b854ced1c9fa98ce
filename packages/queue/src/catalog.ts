import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, fetchRequestSchema } from '@himatch/core';

// The one typed job catalog (STYLE habit 2): name -> queue, payload schema, retry policy
// and the rule that derives the job id from the payload (habit 3: idempotent by id).
// Payloads carry ids only, never candidate PII.

export const QUEUE_NAMES = ['crawler', 'normalizer', 'matcher', 'alerts'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * BullMQ 6 rejects custom job ids containing ':' (unless they split into exactly three
 * parts, a legacy repeat-key escape hatch) and ids that are plain integers. UUIDs and hex
 * hashes never contain '_', so '_' keeps every id unambiguous and valid.
 */
export const JOB_ID_SEPARATOR = '_';

/** Backoff type name read by the worker runner's custom strategy (see backoff.ts). */
export const HIMATCH_BACKOFF = 'himatch-exponential';

export interface RetryPolicy {
  attempts: number;
  /** Base delay of the exponential backoff: attempt n waits about delayMs * 2^(n-1). */
  backoffDelayMs: number;
  /** 0..1: share of the delay that is randomised, so retries of a burst spread out. */
  jitter: number;
}

export interface JobSpec<Q extends QueueName, S extends z.ZodType> extends RetryPolicy {
  queue: Q;
  schema: S;
  jobId: (payload: z.output<S>) => string;
}

function defineJob<Q extends QueueName, S extends z.ZodType>(spec: JobSpec<Q, S>): JobSpec<Q, S> {
  return spec;
}

function joinId(...parts: string[]): string {
  return parts.join(JOB_ID_SEPARATOR);
}

const uuid = z.uuid();
const hash = z.string().min(1).max(128).regex(/^[A-Za-z0-9-]+$/, 'must be a hash: letters, digits, dashes');

/** sha256 of what makes two page requests the same request. */
export function requestKey(request: { url: string; method: string; body: string | null }): string {
  const identity = canonicalJson({ url: request.url, method: request.method, body: request.body });
  return createHash('sha256').update(identity).digest('hex');
}

/** Most detail requests one crawl.page job carries. */
export const PAGE_BATCH = 10;
/** Most postings one posting.normalize job carries. */
export const NORMALIZE_BATCH = 20;

/** One key for several: the single key itself, else sha256 of the keys in order. */
function batchKey(keys: string[]): string {
  return keys.length === 1 ? keys[0]! : createHash('sha256').update(keys.join('\n')).digest('hex');
}

/** Splits items into runs of at most `size`, in order. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export const jobCatalog = {
  'crawl.source': defineJob({
    queue: 'crawler',
    // runId null: a scheduled crawl (a job scheduler's template is fixed); the crawler creates
    // the run keyed by the job id. Schedulers use their own ids; a direct enqueue gets a fresh one.
    schema: z.object({ sourceId: uuid, runId: uuid.nullable() }),
    attempts: 5, backoffDelayMs: 5_000, jitter: 0.5,
    jobId: (p) => joinId('crawl.source', p.runId ?? crypto.randomUUID()),
  }),
  // One request of a run, or up to PAGE_BATCH detail requests travelling together: a job costs
  // several Redis round trips, and on two cores every round trip is a context switch.
  'crawl.page': defineJob({
    queue: 'crawler',
    schema: z.object({ sourceId: uuid, runId: uuid, requests: z.array(fetchRequestSchema).min(1).max(PAGE_BATCH) }),
    attempts: 5, backoffDelayMs: 5_000, jitter: 0.5,
    jobId: (p) => joinId('crawl.page', p.runId, batchKey(p.requests.map(requestKey))),
  }),
  // The new or changed postings of one crawl job, up to NORMALIZE_BATCH (ids only).
  'posting.normalize': defineJob({
    queue: 'normalizer',
    schema: z.object({ postings: z.array(z.object({ rawPostingId: uuid, contentHash: hash })).min(1).max(NORMALIZE_BATCH), runId: uuid.nullable() }),
    attempts: 3, backoffDelayMs: 2_000, jitter: 0.3,
    jobId: (p) => joinId('posting.normalize', ...(p.postings.length === 1
      ? [p.postings[0]!.rawPostingId, p.postings[0]!.contentHash]
      : [batchKey(p.postings.map((x) => `${x.rawPostingId}.${x.contentHash}`))])),
  }),
  'match.listing': defineJob({
    queue: 'matcher',
    schema: z.object({ listingId: uuid, contentHash: hash }),
    attempts: 3, backoffDelayMs: 2_000, jitter: 0.3,
    jobId: (p) => joinId('match.listing', p.listingId, p.contentHash),
  }),
  'match.candidate': defineJob({
    queue: 'matcher',
    schema: z.object({ candidateId: uuid }),
    attempts: 3, backoffDelayMs: 2_000, jitter: 0.3,
    // No content in the payload: a later recompute must not be swallowed by an earlier
    // id, so the id is random (the step itself is idempotent).
    jobId: () => joinId('match.candidate', crypto.randomUUID()),
  }),
  'alert.deliver': defineJob({
    queue: 'alerts',
    schema: z.object({ alertId: uuid }),
    attempts: 8, backoffDelayMs: 10_000, jitter: 0.5,
    jobId: (p) => joinId('alert.deliver', p.alertId),
  }),
} as const;

export type JobCatalog = typeof jobCatalog;
export type JobName = keyof JobCatalog;
export const JOB_NAMES = Object.keys(jobCatalog) as JobName[];

/** The payload a handler receives (defaults applied). */
export type PayloadOf<N extends JobName> = z.output<JobCatalog[N]['schema']>;
/** The payload a producer may pass (defaults optional). */
export type PayloadInputOf<N extends JobName> = z.input<JobCatalog[N]['schema']>;
/** Job names consumed from queue Q. */
export type JobNamesOf<Q extends QueueName> = {
  [N in JobName]: JobCatalog[N]['queue'] extends Q ? N : never;
}[JobName];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}

export function jobNamesOf(queue: QueueName): JobName[] {
  return JOB_NAMES.filter((name) => jobCatalog[name].queue === queue);
}
