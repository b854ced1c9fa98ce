export { buildApp, type ApiDeps } from './app.ts';
export { loadConfig, type ApiConfig } from './config.ts';
export { csvCell } from './csv.ts';
export { runSearchBench, BENCH_DATABASE, type SearchBenchOptions, type SearchBenchReport } from './bench/search-bench.ts';
export { answerListings, MAX_PAGE, HOURS_PER_YEAR, type ListingsQuery, type ListingsAnswer } from './listing-query.ts';
export { HttpError } from './errors.ts';
