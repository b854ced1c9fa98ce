import { defineHandlers, type QueueConsumer } from '@himatch/queue';
import { normalizeBatch, type NormalizeDeps } from './normalize-posting.processor.ts';

export function normalizerConsumer(deps: NormalizeDeps, concurrency: number): QueueConsumer {
  return defineHandlers('normalizer', { 'posting.normalize': (payload, ctx) => normalizeBatch(deps, payload, ctx) }, { concurrency });
}
