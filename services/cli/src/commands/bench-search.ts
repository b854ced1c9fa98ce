import type { Bench } from './bench.ts';

/** `himatch bench search`. */
export const BENCH_SEARCH: Record<string, Bench> = {};
