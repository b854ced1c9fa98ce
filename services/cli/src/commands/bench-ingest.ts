import type { Bench } from './bench.ts';

/** `himatch bench ingest`. */
export const BENCH_INGEST: Record<string, Bench> = {};
