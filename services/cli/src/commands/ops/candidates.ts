import type { CandidateProfile } from '@himatch/core';
import type { CliContext } from '../../context.ts';
import { readProfileFile, UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { intFlag, str, type Command } from '../command.ts';
import { onlyFlags, when } from './shared.ts';

// `himatch candidates add --profile FILE | list`: stored profiles, so a candidate key can be issued.

/** A short, PII-free summary of a profile for the list. */
function summary(profile: CandidateProfile): { credentials: string; roles: string } {
  return {
    credentials: profile.credentials.map((c) => c.id).join(' ') || '-',
    roles: profile.desiredRoles.join(' ') || '-',
  };
}

async function add(ctx: CliContext, v: Record<string, unknown>): Promise<void> {
  onlyFlags(v, ['profile', 'ref'], 'candidates add');
  const file = str(v['profile']);
  if (!file) throw new UsageError('--profile FILE is required');
  const profile = await readProfileFile(file);
  const ref = str(v['ref']) ?? null;
  if (ref && (await ctx.repos.candidates.getByExternalRef(ref))) throw new UsageError(`--ref: a candidate with reference "${ref}" exists`);
  const row = await ctx.repos.candidates.create(profile, ref);
  ctx.print(() => `added candidate ${row.id}\nissue a key for it with: himatch keys create --role candidate --candidate ${row.id}`, { id: row.id, externalRef: row.externalRef, createdAt: row.createdAt });
}

async function list(ctx: CliContext, v: Record<string, unknown>): Promise<void> {
  onlyFlags(v, ['limit'], 'candidates list');
  const limit = intFlag(str(v['limit']) ?? '100', '--limit', 1, 1000);
  const rows = await ctx.repos.candidates.listForMatching(limit);
  const full = await Promise.all(rows.map((r) => ctx.repos.candidates.getById(r.id)));
  const items = rows.map((r, i) => ({ id: r.id, externalRef: full[i]?.externalRef ?? null, createdAt: full[i]?.createdAt ?? null, ...summary(r.profile) }));
  ctx.print(
    () => items.length === 0 ? 'no candidates (himatch candidates add --profile FILE)' : formatTable(['id', 'ref', 'credentials', 'desired roles', 'created'],
      items.map((c) => [c.id, c.externalRef, c.credentials, c.roles, when(c.createdAt)])),
    items,
  );
}

export const candidatesCommand: Command = {
  usage: 'himatch candidates add --profile FILE [--ref EXTERNAL_REF] | list [--limit N]   stored candidate profiles',
  options: { profile: { type: 'string' }, ref: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx, v, [sub, ...rest]) {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    switch (sub) {
      case 'add': return add(ctx, v);
      case 'list': case undefined: return list(ctx, v);
      default: throw new UsageError(`unknown subcommand "candidates ${sub}" (add, list)`);
    }
  },
};
