import type { Command } from './command.ts';

/** Operator and recruiter commands: sources, crawl, runs, search, keys (filled by issue 6). */
export const OPS_COMMANDS: Record<string, Command> = {};
