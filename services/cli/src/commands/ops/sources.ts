import { sourceKindSchema, SOURCE_KINDS } from '@himatch/core';
import type { NewSource, SourceRow } from '@himatch/db';
import { parseSourceConfig } from '@himatch/sources';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { str, type Command } from '../command.ts';
import { checkCron, clip, nextFire, onlyFlags, readJsonFlag, requestReconcile, resolveSource, when } from './shared.ts';

// `himatch sources add|list|show|edit|pause|resume|delete`: the repositories and the
// adapters' config schemas, as the API uses them.

type Values = Record<string, unknown>;
type SourceConfig = NonNullable<NewSource['config']>;

const SECRET = /apikey|api_key|secret|password/i;

/** Config values that are credentials (a USAJOBS API key) are not printed. */
function redact(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, SECRET.test(k) ? '***' : v]));
}

function state(s: SourceRow): string {
  if (!s.enabled) return 'paused';
  if (s.cooldownUntil && s.cooldownUntil.getTime() > Date.now()) return `cooling down until ${when(s.cooldownUntil)}`;
  return 'enabled';
}

const view = (s: SourceRow) => ({
  id: s.id, name: s.name, kind: s.kind, enabled: s.enabled, cron: s.cron, nextRunAt: s.enabled ? nextFire(s.cron) : null,
  config: redact(s.config), consecutiveFailures: s.consecutiveFailures, cooldownUntil: s.cooldownUntil,
  lastSuccessAt: s.lastSuccessAt, lastFailureAt: s.lastFailureAt, lastError: s.lastError, createdAt: s.createdAt,
});

function validConfig(kind: SourceRow['kind'], config: Record<string, unknown>): SourceConfig {
  // parseSourceConfig throws a ValidationError naming the field (`config.boardToken`): exit 2.
  return parseSourceConfig(kind, config) as SourceConfig;
}

async function add(ctx: CliContext, v: Values): Promise<void> {
  onlyFlags(v, ['kind', 'name', 'config', 'cron'], 'sources add');
  const kindFlag = str(v['kind']);
  const kind = sourceKindSchema.safeParse(kindFlag);
  if (!kind.success) throw new UsageError(`--kind must be one of ${SOURCE_KINDS.join(', ')} (got "${kindFlag ?? ''}")`);
  const name = str(v['name'])?.trim();
  if (!name) throw new UsageError('--name is required');
  const configFlag = str(v['config']);
  if (!configFlag) throw new UsageError('--config is required (JSON or @file)');
  const config = validConfig(kind.data, await readJsonFlag(configFlag, '--config'));
  const cronFlag = str(v['cron']);
  const cron = cronFlag ? checkCron(cronFlag) : null;
  if (await ctx.repos.sources.getByName(name)) throw new UsageError(`--name: a source named "${name}" exists (himatch sources edit ${name})`);
  const created = await ctx.repos.sources.create({ kind: kind.data, name, config, cron, enabled: true, politeness: {} });
  await requestReconcile(ctx);
  ctx.print(() => `added source ${created.name} (${created.id})${cron ? `, scheduled "${cron}"` : ''}`, view(created));
}

async function list(ctx: CliContext, v: Values): Promise<void> {
  onlyFlags(v, [], 'sources list');
  const rows = await ctx.repos.sources.list();
  ctx.print(
    () => rows.length === 0 ? 'no sources (himatch sources add --kind K --name N --config JSON)' : formatTable(
      ['name', 'kind', 'state', 'cron', 'next run', 'last success', 'failures', 'id'],
      rows.map((s) => [s.name, s.kind, state(s), s.cron, s.enabled ? when(nextFire(s.cron)) : null, when(s.lastSuccessAt), s.consecutiveFailures, s.id]),
    ),
    rows.map(view),
  );
}

async function show(ctx: CliContext, v: Values, ref: string | undefined): Promise<void> {
  onlyFlags(v, [], 'sources show');
  const source = await resolveSource(ctx.repos, ref);
  const runs = await ctx.repos.crawlRuns.listForSource(source.id, 5);
  const data = { ...view(source), recentRuns: runs };
  ctx.print(() => {
    const fields: [string, string | number | null][] = [
      ['id', source.id], ['name', source.name], ['kind', source.kind], ['state', state(source)], ['cron', source.cron ?? '(manual only)'],
      ['next run', when(data.nextRunAt)], ['last success', when(source.lastSuccessAt)], ['last failure', when(source.lastFailureAt)],
      ['failures in a row', source.consecutiveFailures], ['last error', source.lastError], ['config', JSON.stringify(data.config)],
    ];
    const width = Math.max(...fields.map(([k]) => k.length));
    const head = fields.map(([k, value]) => `${k.padEnd(width)}  ${value ?? '-'}`).join('\n');
    const table = formatTable(['started', 'status', 'pages', 'seen', 'new', 'changed', 'failed', 'error'],
      runs.map((r) => [when(r.startedAt), r.status, r.pages, r.postingsSeen, r.new, r.changed, r.failed, clip(r.error, 60)]));
    return `${head}\n\nrecent runs\n${runs.length > 0 ? table : '(none)'}`;
  }, data);
}

async function edit(ctx: CliContext, v: Values, ref: string | undefined): Promise<void> {
  onlyFlags(v, ['config', 'cron', 'no-cron', 'name'], 'sources edit');
  const source = await resolveSource(ctx.repos, ref);
  const cronFlag = str(v['cron']);
  if (cronFlag !== undefined && v['no-cron'] === true) throw new UsageError('--cron and --no-cron exclude each other');
  const configFlag = str(v['config']);
  const name = str(v['name'])?.trim();
  const patch = {
    ...(configFlag ? { config: validConfig(source.kind, await readJsonFlag(configFlag, '--config')) } : {}),
    ...(cronFlag !== undefined ? { cron: checkCron(cronFlag) } : v['no-cron'] === true ? { cron: null } : {}),
    ...(name ? { name } : {}),
  };
  if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give --config, --cron, --no-cron or --name');
  if (name && name !== source.name && (await ctx.repos.sources.getByName(name))) throw new UsageError(`--name: a source named "${name}" exists`);
  const updated = (await ctx.repos.sources.update(source.id, patch)) ?? source;
  await requestReconcile(ctx);
  ctx.print(() => `updated source ${updated.name}: ${Object.keys(patch).join(', ')}`, view(updated));
}

async function setState(ctx: CliContext, v: Values, ref: string | undefined, action: 'pause' | 'resume' | 'delete'): Promise<void> {
  onlyFlags(v, [], `sources ${action}`);
  const source = await resolveSource(ctx.repos, ref);
  if (action === 'delete') await ctx.repos.sources.delete(source.id);
  else await ctx.repos.sources.setEnabled(source.id, action === 'resume');
  await requestReconcile(ctx);
  const done = { pause: 'paused', resume: 'resumed', delete: 'deleted (with its runs, raw postings and listings)' }[action];
  ctx.print(() => `${done} source ${source.name}`, { id: source.id, name: source.name, action });
}

export const sourcesCommand: Command = {
  usage: 'himatch sources add --kind K --name N --config JSON|@file [--cron "0 */6 * * *"] | list | show ID|NAME | edit ID|NAME [--config JSON|@file] [--cron C|--no-cron] [--name N] | pause|resume|delete ID|NAME',
  options: { kind: { type: 'string' }, name: { type: 'string' }, config: { type: 'string' }, cron: { type: 'string' }, 'no-cron': { type: 'boolean' } },
  async run(ctx, v, [sub, ref, ...rest]) {
    const extra = sub === 'add' || sub === 'list' || sub === undefined ? ref : rest[0];
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    switch (sub) {
      case 'add': return add(ctx, v);
      case 'list': case undefined: return list(ctx, v);
      case 'show': return show(ctx, v, ref);
      case 'edit': return edit(ctx, v, ref);
      case 'pause': case 'resume': case 'delete': return setState(ctx, v, ref, sub);
      default: throw new UsageError(`unknown subcommand "sources ${sub}" (add, list, show, edit, pause, resume, delete)`);
    }
  },
};
