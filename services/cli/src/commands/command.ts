import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from '../context.ts';
import { UsageError } from '../profile-file.ts';

/** One `himatch` subcommand: its usage line, its flags (node:util parseArgs) and its action. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CliContext, values: Record<string, unknown>, positionals: string[]): Promise<number | void>;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const need = (v: unknown, flag: string): string => {
  const s = str(v);
  if (!s) throw new UsageError(`${flag} is required`);
  return s;
};

/** A whole number flag; a bad value names the flag. */
export function intFlag(v: unknown, flag: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${String(v)}")`);
  return n;
}
