import type { Bench } from './bench.ts';

/** `himatch bench match`. */
export const BENCH_MATCH: Record<string, Bench> = {};
