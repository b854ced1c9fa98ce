import { migrateCommand } from './migrate.ts';
import { demoCommand } from './demo.ts';
import { normalizeCommand } from './normalize.ts';
import { gapsCommand, matchCommand } from './match.ts';

import type { Command } from './command.ts';
import { intFlag, str, need } from './command.ts';
import { UsageError } from '../profile-file.ts';
import { OPS_COMMANDS } from './ops.ts';
import { EVAL_COMMANDS } from './eval.ts';
import { BENCH_COMMANDS } from './bench.ts';

export type { Command } from './command.ts';

const CORE_COMMANDS: Record<string, Command> = {
  migrate: {
    usage: 'himatch migrate            create the database if missing and apply migrations',
    options: {},
    run: (ctx) => migrateCommand(ctx),
  },
  demo: {
    usage: 'himatch demo [--timeout SECONDS]   crawl the local sample boards end to end and rank them for a sample candidate',
    options: { timeout: { type: 'string', default: '600' } },
    run: (ctx, v) => demoCommand(ctx, { timeoutMs: Number(v['timeout']) * 1000 }),
  },
  normalize: {
    usage: 'himatch normalize FILE|- [--format auto|raw|text|jsonld|greenhouse|lever|ashby|smartrecruiters|workday|usajobs|rss|atom|indeed-xml|icims]',
    options: { format: { type: 'string', default: 'auto' } },
    run: (ctx, v, p) => normalizeCommand(ctx, { file: p[0] ?? '-', format: str(v['format']) ?? 'auto' }),
  },
  match: {
    usage: 'himatch match --profile FILE [--listings FILE | --all] [--limit N]   rank the stored listings within reach (--all: every open one; or those in FILE) for a profile',
    options: { profile: { type: 'string' }, listings: { type: 'string' }, all: { type: 'boolean' }, limit: { type: 'string', default: '20' } },
    run: (ctx, v) => {
      if (v['all'] === true && v['listings'] !== undefined) throw new UsageError('--all and --listings cannot be combined');
      return matchCommand(ctx, { profile: need(v['profile'], '--profile'), listings: str(v['listings']), all: v['all'] === true, limit: intFlag(v['limit'], '--limit', 1, 1000) });
    },
  },
  gaps: {
    usage: 'himatch gaps --profile FILE [--listings FILE]   which one credential or degree would open the most listings',
    options: { profile: { type: 'string' }, listings: { type: 'string' } },
    run: (ctx, v) => gapsCommand(ctx, { profile: need(v['profile'], '--profile'), listings: str(v['listings']) }),
  },
};

export const COMMANDS: Record<string, Command> = { ...CORE_COMMANDS, ...OPS_COMMANDS, ...EVAL_COMMANDS, ...BENCH_COMMANDS };

export function usage(): string {
  return `himatch — HIT job aggregator and matcher\n\nCommands:\n${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}\n\nEvery command takes --json. Configuration: DATABASE_URL, REDIS_URL, QUEUE_PREFIX.\n`;
}
