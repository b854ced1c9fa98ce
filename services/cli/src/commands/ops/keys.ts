import { API_KEY_ROLES, generateApiKey, PermanentError } from '@himatch/core';
import type { ApiKeyRole } from '@himatch/db';
import type { CliContext } from '../../context.ts';
import { UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { str, type Command } from '../command.ts';
import { isUuid, onlyFlags, when } from './shared.ts';

// `himatch keys create|list|revoke`: API keys. The key is printed once; only its sha256 is stored.

async function create(ctx: CliContext, v: Record<string, unknown>): Promise<void> {
  onlyFlags(v, ['role', 'candidate', 'label'], 'keys create');
  const role = str(v['role']);
  if (!role || !(API_KEY_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${API_KEY_ROLES.join(', ')} (got "${role ?? ''}")`);
  const candidateId = str(v['candidate']);
  if (role === 'candidate' && !candidateId) throw new UsageError('--candidate ID is required for a candidate key (himatch candidates list)');
  if (role !== 'candidate' && candidateId) throw new UsageError('--candidate only applies to --role candidate');
  if (candidateId && (!isUuid(candidateId) || !(await ctx.repos.candidates.getById(candidateId)))) {
    throw new UsageError(`--candidate: no candidate ${candidateId} (himatch candidates add --profile FILE)`);
  }
  const { key, prefix, hash } = generateApiKey();
  const stored = await ctx.repos.apiKeys.create({ prefix, hash, role: role as ApiKeyRole, candidateId: candidateId ?? null, label: str(v['label']) ?? null });
  ctx.print(
    () => `${key}\n\nThis is the only time the key is shown; only its hash is stored. Prefix ${prefix}, role ${role}${candidateId ? `, candidate ${candidateId}` : ''}.`,
    { ...stored, key },
  );
}

async function list(ctx: CliContext, v: Record<string, unknown>): Promise<void> {
  onlyFlags(v, [], 'keys list');
  const keys = await ctx.repos.apiKeys.list();
  ctx.print(
    () => keys.length === 0 ? 'no API keys (himatch keys create --role R)' : formatTable(['prefix', 'role', 'label', 'candidate', 'created', 'last used', 'revoked', 'id'],
      keys.map((k) => [k.prefix, k.role, k.label, k.candidateId, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt), k.id])),
    keys,
  );
}

async function revoke(ctx: CliContext, v: Record<string, unknown>, ref: string | undefined): Promise<void> {
  onlyFlags(v, [], 'keys revoke');
  if (!ref) throw new UsageError('keys revoke needs a key PREFIX or ID (himatch keys list)');
  const key = (await ctx.repos.apiKeys.list()).find((k) => k.id === ref || k.prefix === ref);
  if (!key) throw new PermanentError('not_found', `no API key with prefix or id "${ref}"`);
  const revoked = await ctx.repos.apiKeys.revoke(key.id);
  ctx.print(() => (revoked ? `revoked key ${key.prefix} (${key.role})` : `key ${key.prefix} was already revoked`), { id: key.id, prefix: key.prefix, revoked });
}

export const keysCommand: Command = {
  usage: 'himatch keys create --role operator|recruiter|candidate [--candidate ID] [--label L] | list | revoke PREFIX|ID   API keys (stored as hashes)',
  options: { role: { type: 'string' }, candidate: { type: 'string' }, label: { type: 'string' } },
  async run(ctx, v, [sub, ref, ...rest]) {
    if (rest.length > 0 || (ref !== undefined && sub !== 'revoke')) throw new UsageError(`unexpected argument "${rest[0] ?? ref}"`);
    switch (sub) {
      case 'create': return create(ctx, v);
      case 'list': case undefined: return list(ctx, v);
      case 'revoke': return revoke(ctx, v, ref);
      default: throw new UsageError(`unknown subcommand "keys ${sub}" (create, list, revoke)`);
    }
  },
};
