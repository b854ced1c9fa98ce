import type { CliContext } from '../context.ts';
import { UsageError } from '../profile-file.ts';
import type { Command } from './command.ts';
import { BENCH_INGEST } from './bench-ingest.ts';
import { BENCH_NORMALIZE } from './bench-normalize.ts';
import { BENCH_MATCH } from './bench-match.ts';
import { BENCH_SEARCH } from './bench-search.ts';

/** One benchmark: `himatch bench NAME [flags]`. Figures go to stdout (a table, or JSON with --json). */
export interface Bench {
  summary: string;
  options: Command['options'];
  run(ctx: CliContext, values: Record<string, unknown>): Promise<void>;
}

const BENCHES: Record<string, Bench> = { ...BENCH_INGEST, ...BENCH_NORMALIZE, ...BENCH_MATCH, ...BENCH_SEARCH };

export const BENCH_COMMANDS: Record<string, Command> = {
  bench: {
    usage: `himatch bench ${Object.keys(BENCHES).join('|') || 'NAME'} [flags]   speed and memory figures (see --help of each)`,
    options: Object.assign({}, ...Object.values(BENCHES).map((b) => b.options)) as Command['options'],
    async run(ctx, values, positionals) {
      const name = positionals[0];
      const bench = name ? BENCHES[name] : undefined;
      if (!bench) throw new UsageError(`himatch bench: name one of ${Object.keys(BENCHES).join(', ') || '(none yet)'}`);
      await bench.run(ctx, values);
    },
  },
};
