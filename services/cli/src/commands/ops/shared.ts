import { readFile } from 'node:fs/promises';
import { CronExpressionParser } from 'cron-parser';
import { PermanentError } from '@himatch/core';
import type { Repositories, SourceRow } from '@himatch/db';
import { closeRedisConnection, createRedisConnection, waitUntilReady } from '@himatch/queue';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../profile-file.ts';

// Helpers of the operator commands: flag checks, source lookup, cron validation, dates.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

/** A subcommand given a flag that belongs to another one: exit 2 naming it. */
export function onlyFlags(values: Record<string, unknown>, allowed: readonly string[], command: string): void {
  const extra = Object.keys(values).filter((k) => values[k] !== undefined && k !== 'json' && k !== 'help' && !allowed.includes(k));
  if (extra.length > 0) throw new UsageError(`--${extra[0]} is not an option of "himatch ${command}"`);
}

/** A source by id or name; exit 2 when there is none. */
export async function resolveSource(repos: Repositories, ref: string | undefined): Promise<SourceRow> {
  if (!ref) throw new UsageError('a source id or name is required');
  const source = isUuid(ref) ? await repos.sources.getById(ref) : await repos.sources.getByName(ref);
  if (!source) throw new PermanentError('not_found', `no source "${ref}" (himatch sources list shows them)`);
  return source;
}

/** The cron pattern, checked with the parser (and version) BullMQ's job schedulers use. */
export function checkCron(cron: string): string {
  try {
    CronExpressionParser.parse(cron);
  } catch (error) {
    throw new UsageError(`--cron "${cron}" is not a valid cron pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
  return cron;
}

export function nextFire(cron: string | null): Date | null {
  if (!cron) return null;
  try {
    return CronExpressionParser.parse(cron).next().toDate();
  } catch {
    return null;
  }
}

/** `--config '{"boardToken":"acme"}'` or `--config @file.json`. */
export async function readJsonFlag(value: string, flag: string): Promise<Record<string, unknown>> {
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = await readFile(value.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`${flag}: cannot read ${value.slice(1)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`${flag} must be a JSON object`);
  return json as Record<string, unknown>;
}

/**
 * Asks a running scheduler to reconcile now (Redis channel `<prefix>:scheduler:reconcile`,
 * the scheduler service's `reconcileChannel`). Best effort: without Redis or a scheduler the
 * change is picked up at the scheduler's next start or interval.
 */
export async function requestReconcile(ctx: CliContext): Promise<boolean> {
  const connection = createRedisConnection(ctx.config.REDIS_URL, { role: 'producer', connectionName: 'himatch-cli-reconcile' });
  try {
    await waitUntilReady(connection, 2_000);
    await connection.publish(`${ctx.config.QUEUE_PREFIX}:scheduler:reconcile`, 'cli');
    return true;
  } catch {
    return false;
  } finally {
    await closeRedisConnection(connection);
  }
}

export const when = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : null);
export const clip = (s: string | null | undefined, n: number): string | null => (s && s.length > n ? `${s.slice(0, n - 1)}…` : (s ?? null));
