export { normalizerConsumer } from './handlers.ts';
export { normalizeBatch, type NormalizeDeps, type NormalizeOutcome } from './normalize-posting.processor.ts';
