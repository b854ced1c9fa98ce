import type { Bench } from './bench.ts';

/** `himatch bench normalize`. */
export const BENCH_NORMALIZE: Record<string, Bench> = {};
