export { normalizerConsumer } from './handlers.ts';
export { normalizeOne, type NormalizeDeps, type NormalizeOutcome } from './normalize-posting.processor.ts';
