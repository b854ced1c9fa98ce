// Evaluation context: options resolved once per call, plus status codes shared by the checks.
import { DEFAULT_TUNING, DEFAULT_WEIGHTS } from './types.ts';
import type { Check, CheckKind, CheckStatus, MatchOptions, Tuning, Weights } from './types.ts';

export const MET = 0;
export const PARTIAL = 1;
export const UNMET = 2;
export const UNKNOWN = 3;
export type Status = typeof MET | typeof PARTIAL | typeof UNMET | typeof UNKNOWN;

const STATUS_NAMES: readonly CheckStatus[] = ['met', 'partial', 'unmet', 'unknown'];

export interface EvalContext {
  readonly nowMs: number;
  /** Weights divided by their sum. */
  readonly weights: Readonly<Weights>;
  readonly tuning: Readonly<Tuning>;
}

export function makeContext(opts: MatchOptions = {}): EvalContext {
  const raw = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const total = Object.values(raw).reduce((sum, w) => sum + Math.max(0, w), 0) || 1;
  const weights = Object.fromEntries(Object.entries(raw).map(([k, w]) => [k, Math.max(0, w) / total])) as unknown as Weights;
  return { nowMs: (opts.now ?? new Date()).getTime(), weights, tuning: { ...DEFAULT_TUNING, ...opts.tuning } };
}

/** Append one explained check; callers only build strings when `out` is not null. */
export function emit(out: Check[], requirement: CheckKind, status: Status, evidence: string | null, detail: string, required: boolean): void {
  out.push({ requirement, status: STATUS_NAMES[status]!, evidence, detail, required });
}

/** Gating severity: unknown never gates (it is also never credited in the fit). */
export function severity(status: Status): number {
  return status === UNKNOWN ? MET : status;
}
