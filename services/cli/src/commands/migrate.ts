import { migrateToLatest } from '@himatch/db';
import type { CliContext } from '../context.ts';

/** `himatch migrate`: creates the database named in DATABASE_URL if missing, then migrates. */
export async function migrateCommand(ctx: CliContext): Promise<void> {
  const { applied } = await migrateToLatest(ctx.config.DATABASE_URL);
  const safeUrl = ctx.config.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@');
  ctx.print(() => (applied.length === 0 ? `${safeUrl}: up to date` : `${safeUrl}: applied ${applied.join(', ')}`), { applied });
}
