import { defineHandlers, jobCatalog, type QueueConsumer } from '@himatch/queue';
import type { CrawlDeps } from './deps.ts';
import { crawlSource } from './crawl-source.processor.ts';
import { crawlPage } from './crawl-page.processor.ts';

export function crawlerConsumer(deps: CrawlDeps, concurrency: number): QueueConsumer {
  return defineHandlers(
    'crawler',
    {
      'crawl.source': (payload, ctx) => crawlSource(deps, payload, ctx),
      'crawl.page': (payload, ctx) => crawlPage(deps, payload, ctx),
    },
    { concurrency },
  );
}

export const PAGE_ATTEMPTS = jobCatalog['crawl.page'].attempts;
