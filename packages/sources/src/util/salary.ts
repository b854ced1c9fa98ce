import type { RawSalary, SalaryPeriod } from '@himatch/core';
import { num } from './values.ts';

/**
 * A pay period from any source's spelling: schema.org unitText (HOUR, YEAR), Lever
 * intervals ("per-year-salary", "per-hour-wage"), Ashby ("1 YEAR"), USAJOBS codes
 * (PA, PH, PD, PW, PM) and prose ("Per Year"). Unknown spellings give null.
 */
export function toPeriod(value: unknown): SalaryPeriod | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  const codes: Record<string, SalaryPeriod> = { pa: 'year', ph: 'hour', pd: 'day', pw: 'week', pm: 'month' };
  if (codes[text]) return codes[text];
  if (/year|annual|yr\b/.test(text)) return 'year';
  if (/hour|hr\b/.test(text)) return 'hour';
  if (/month/.test(text)) return 'month';
  if (/week/.test(text) && !/bi-?week/.test(text)) return 'week';
  if (/day|daily|diem/.test(text)) return 'day';
  return null;
}

/** True for USAJOBS "BW" / "Bi-Weekly": paid every two weeks. */
export function isBiweekly(value: unknown): boolean {
  return typeof value === 'string' && /^(bw|bi-?weekly)$/i.test(value.trim());
}

/** A structured salary, or null when neither bound is a number. */
export function makeSalary(min: unknown, max: unknown, currency: unknown, period: SalaryPeriod | null): RawSalary | null {
  const low = num(min);
  const high = num(max);
  if (low === null && high === null) return null;
  const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : 'USD';
  return { min: low, max: high, currency: code, period };
}
