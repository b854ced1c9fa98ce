#!/usr/bin/env node
// The `himatch` command: operators, recruiters and candidates, the demo, eval and benchmarks.
import { parseArgs } from 'node:util';
import { ConfigError } from '@himatch/runtime';
import { HimatchError } from '@himatch/core';
import { loadConfig } from './config.ts';
import { CliContext } from './context.ts';
import { UsageError } from './profile-file.ts';
import { COMMANDS, usage } from './commands/index.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${usage()}`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false }, ...command.options },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const ctx = new CliContext(loadConfig(), Boolean(values.json));
  try {
    return (await command.run(ctx, values, positionals)) ?? 0;
  } finally {
    await ctx.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError || (error instanceof HimatchError && !error.retryable)) {
    process.stderr.write(`himatch: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`himatch: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`himatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
