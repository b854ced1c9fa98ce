import { CREDENTIAL_IDS, isCredentialId, isRoleId, ROLE_IDS, type Listing } from '@himatch/core';
import type { ListingRow, ListingSearch } from '@himatch/db';
import { UsageError } from '../../profile-file.ts';
import { formatTable } from '../../table.ts';
import { intFlag, str, type Command } from '../command.ts';

// `himatch search [q] [filters]`: the recruiter search (ListingRepository.search) in a table.

/** A full-time year (40 h × 52 weeks), the same factor the normalizer annualizes hourly pay with. */
const HOURS_PER_YEAR = 2080;

export function searchFrom(v: Record<string, unknown>, words: string[]): ListingSearch {
  const role = str(v['role']);
  if (role !== undefined && !isRoleId(role)) throw new UsageError(`--role must be a role id: ${ROLE_IDS.join(', ')} (got "${role}")`);
  const credential = str(v['credential'])?.toUpperCase();
  if (credential !== undefined && !isCredentialId(credential)) throw new UsageError(`--credential must be one of ${CREDENTIAL_IDS.join(', ')} (got "${credential}")`);
  const state = str(v['state'])?.toUpperCase();
  if (state !== undefined && !/^[A-Z]{2}$/.test(state)) throw new UsageError(`--state must be a two-letter state code (got "${state}")`);
  const period = str(v['pay-period']);
  if (period !== undefined && period !== 'hour' && period !== 'year') throw new UsageError(`--pay-period must be hour or year (got "${period}")`);
  if (period !== undefined && v['min-pay'] === undefined) throw new UsageError('--pay-period needs --min-pay');
  const minPay = v['min-pay'] === undefined ? undefined : intFlag(v['min-pay'], '--min-pay', 1, 10_000_000);
  const q = words.join(' ').trim();
  return {
    ...(q ? { q } : {}),
    ...(role ? { role } : {}),
    ...(credential ? { credential } : {}),
    ...(state ? { region: state } : {}),
    ...(v['remote'] === true ? { workMode: 'remote' } : {}),
    ...(minPay !== undefined ? { minAnnualPay: period === 'hour' ? minPay * HOURS_PER_YEAR : minPay } : {}),
    status: v['closed'] === true ? 'closed' : 'open',
    limit: intFlag(str(v['limit']) ?? '20', '--limit', 1, 500),
  };
}

const money = (n: number | null | undefined, hourly: boolean): string | null =>
  n === null || n === undefined ? null : hourly ? `$${n.toFixed(2)}` : `$${Math.round(n / 1000)}k`;

/** Pay as posted (hourly stays hourly), else the annualized range. */
export function payText(row: ListingRow): string | null {
  const salary = (row.data as Partial<Listing> | null)?.salary;
  const hourly = salary?.period === 'hour';
  const [min, max] = salary && (hourly || salary.period === 'year') ? [salary.min, salary.max] : [row.salaryAnnualMin, row.salaryAnnualMax];
  const unit = hourly ? '/h' : '/yr';
  if (min == null && max == null) return null;
  return min != null && max != null && min !== max ? `${money(min, hourly)}–${money(max, hourly)}${unit}` : `${money(min ?? max, hourly)}${unit}`;
}

export function placeText(row: ListingRow): string | null {
  const first = (row.data as Partial<Listing> | null)?.locations?.[0];
  const where = first ? [first.city, first.region].filter(Boolean).join(', ') : row.region;
  if (row.workMode === 'remote') return where ? `remote (${where})` : 'remote';
  return where || null;
}

export const searchCommand: Command = {
  usage: 'himatch search [WORDS] [--role R] [--credential C] [--state ST] [--remote] [--min-pay N [--pay-period hour|year]] [--closed] [--limit N]   recruiter search of the listings',
  options: {
    role: { type: 'string' }, credential: { type: 'string' }, state: { type: 'string' }, remote: { type: 'boolean' },
    'min-pay': { type: 'string' }, 'pay-period': { type: 'string' }, closed: { type: 'boolean' }, limit: { type: 'string' },
  },
  async run(ctx, v, words) {
    const search = searchFrom(v, words);
    const page = await ctx.repos.listings.search(search);
    ctx.print(
      () => page.items.length === 0 ? 'no listings match' : [
        formatTable(['title', 'employer', 'role', 'place', 'pay', 'posted'],
          page.items.map((l) => [l.title, l.employer, l.role, placeText(l), payText(l), l.postedAt ? new Date(l.postedAt).toISOString().slice(0, 10) : null])),
        '',
        `${page.items.length} listing(s)${page.next ? ` (more: raise --limit)` : ''}`,
      ].join('\n'),
      { search, items: page.items.map(({ data, ...row }) => ({ ...row, listing: data })), next: page.next },
    );
  },
};
