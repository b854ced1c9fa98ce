export { crawlerConsumer, PAGE_ATTEMPTS } from './handlers.ts';
export type { CrawlDeps } from './deps.ts';
