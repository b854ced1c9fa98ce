import type { Command } from './command.ts';
import { candidatesCommand } from './ops/candidates.ts';
import { crawlCommand } from './ops/crawl.ts';
import { keysCommand } from './ops/keys.ts';
import { listingsCommand } from './ops/listings.ts';
import { runsCommand } from './ops/runs.ts';
import { searchCommand } from './ops/search.ts';
import { sourcesCommand } from './ops/sources.ts';

/** Operator and recruiter commands: sources, crawl, runs, search, keys, candidates (issue 6). */
export const OPS_COMMANDS: Record<string, Command> = {
  sources: sourcesCommand,
  crawl: crawlCommand,
  runs: runsCommand,
  search: searchCommand,
  keys: keysCommand,
  candidates: candidatesCommand,
  listings: listingsCommand,
};
