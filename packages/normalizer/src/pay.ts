import type { RawSalary, Salary, SalaryPeriod } from '@himatch/core';

// Base pay from structured fields or text. Bonuses, 401(k), differentials and stipends are
// recognised by their context words and never taken for base pay.

const PER_YEAR: Record<SalaryPeriod, number> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

/** "$58, 500", "$65k", "$27.87", "USD 50,000". */
const AMOUNT = String.raw`(?:\$|usd\s?)\s?(\d{1,3}(?:,\s?\d{3})+|\d{1,12})(\.\d{1,2})?\s?(k\b)?`;
const GAP = String.raw`\s*(?:-|–|—|~|\uFFFD|to|and|through)\s*(?:-\s*)?`;
/** "USD 65,000.00 - 80,000.00", "$20 - 25/hr": a second amount without its own currency sign, only when it is shaped like money. */
const BARE_SECOND = String.raw`\s*(?:-|–|—|to)\s*(\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d{1,6}\.\d{2}|\d{1,3}(?=\s?(?:\/\s?|per |an? )(?:hour|hr)\b))(?![\d,])`;
const MONEY = new RegExp(`${AMOUNT}(?:\\s?(?:\\/|per|an?|\\s)\\s?(?:hour|hr|year|yr)\\b)?(?:${GAP}${AMOUNT}|${BARE_SECOND})?`, 'gi');
/** "Salary range: 55,000 - 70,000", "Hourly rate: 19.50-25.00": no currency sign, but labelled as pay. */
const LABELLED_RANGE = /\b(?:salary|pay|compensation|wage|rate)(?: range)?\s*:\s*(\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d{1,3}\.\d{2})\s*(?:-|–|—|to)\s*(\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d{1,3}\.\d{2})(?![\d,])/g;

const PERIODS: ReadonlyArray<[RegExp, SalaryPeriod | 'biweekly']> = [
  [/^\s*(?:\/\s?|per |an |a )?(?:hour|hr)\b|^\s*hourly\b/, 'hour'],
  [/^\s*(?:\/\s?|per |a )?day\b|^\s*daily\b/, 'day'],
  [/^\s*(?:bi-?weekly|every (?:two|2) weeks|per pay period)\b/, 'biweekly'],
  [/^\s*(?:\/\s?|per |a )?(?:week|wk)\b|^\s*weekly\b/, 'week'],
  [/^\s*(?:\/\s?|per |a )?(?:month|mo)\b|^\s*monthly\b/, 'month'],
  [/^\s*(?:\/\s?|per |a |an )?(?:year|yr|annum)\b|^\s*(?:annually|yearly|annual(?:ly)?|salary)\b/, 'year'],
];
const EXCLUDE = /sign[- ]?on|signing|bonus|401\s?\(?k|differential|referral|relocation|stipend|tuition|reimburse|premium pay|incentive|retention|allowance|per diem rate|mileage|equity|\bstock\b|raised|funding|revenue|valuation/;
const PAY_CONTEXT = /salary|pay|rate|compensation|wage|range|hourly|annual|per hour|per year|\bbase\b/;

function amountOf(whole: string, cents: string | undefined, k: string | undefined): number {
  const n = Number(whole.replace(/[,\s]/g, '')) + (cents ? Number(cents) : 0);
  return k ? n * 1000 : n;
}

function periodAfter(tail: string): SalaryPeriod | 'biweekly' | null {
  for (const [re, p] of PERIODS) if (re.test(tail)) return p;
  return null;
}

export function inferPeriod(value: number): SalaryPeriod {
  if (value <= 300) return 'hour';
  if (value <= 1500) return 'day';
  if (value < 15_000) return 'month';
  return 'year';
}

const PLAUSIBLE: Record<SalaryPeriod, [number, number]> = { hour: [5, 500], day: [40, 4000], week: [200, 20_000], month: [800, 80_000], year: [10_000, 1_500_000] };

function build(min: number | null, max: number | null, period: SalaryPeriod, provenance: Salary['provenance'], currency = 'USD'): Salary | null {
  const [lo, hi] = PLAUSIBLE[period];
  const ok = (v: number | null) => v === null || (Number.isFinite(v) && v >= lo && v <= hi);
  if (!ok(min) || !ok(max) || (min === null && max === null)) return null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const f = PER_YEAR[period];
  const annual = (v: number | null) => (v === null ? null : Math.round(v * f * 100) / 100);
  return { min, max, currency, period, annualMin: annual(min), annualMax: annual(max), provenance };
}

/** Structured pay is the source's own statement: kept unless it is not a positive number. */
export function salaryFromStructured(raw: RawSalary): Salary | null {
  const ok = (v: number | null) => (v !== null && Number.isFinite(v) && v > 0 && v < 1e9 ? v : null);
  let min = ok(raw.min);
  let max = ok(raw.max);
  const ref = min ?? max;
  if (ref === null) return null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const period = raw.period ?? inferPeriod(ref);
  const annual = (v: number | null) => (v === null ? null : Math.round(v * PER_YEAR[period] * 100) / 100);
  return { min, max, currency: raw.currency || 'USD', period, annualMin: annual(min), annualMax: annual(max), provenance: 'structured' };
}

/** "between 14.500 and 20.000 PLN net monthly": amounts with the currency code after them. */
const SUFFIX_MONEY = /(\d{1,3}(?:[.,\s]\d{3})+|\d{2,7})\s*(?:-|–|—|and|to)\s*(\d{1,3}(?:[.,\s]\d{3})+|\d{2,7})\s*(usd|eur|gbp|pln|cad|aud|chf|€|£)\b/g;
const CURRENCY: Record<string, string> = { '€': 'EUR', '£': 'GBP' };

function suffixSalary(lower: string): Salary | null {
  for (const m of lower.matchAll(SUFFIX_MONEY)) {
    const before = lower.slice(Math.max(0, m.index - 45), m.index);
    if (EXCLUDE.test(before)) continue;
    const a = Number(m[1]!.replace(/[.,\s]/g, ''));
    const b = Number(m[2]!.replace(/[.,\s]/g, ''));
    const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const found = periodAfter(after.replace(/^\s*(?:net|gross|brutto|netto|b2b)\s*/, ' ')) ?? periodAfter(after.replace(/^[^a-z]*[a-z]+\s/, ' '));
    const period = found === 'biweekly' ? 'week' : (found ?? inferPeriod(a));
    const code = m[3]!;
    const s = build(a, b, period, 'extracted', CURRENCY[code] ?? code.toUpperCase());
    if (s) return s;
  }
  return null;
}

interface Candidate {
  salary: Salary;
  score: number;
  at: number;
}

/** The most pay-like money mention in a text, or null. */
export function salaryFromText(text: string): Salary | null {
  const lower = text.length > 200_000 ? text.slice(0, 200_000).toLowerCase() : text.toLowerCase();
  let best: Candidate | null = null;
  for (const m of lower.matchAll(MONEY)) {
    // Context stops at the previous sentence: "$3,000 bonus. Pay $24/hr" is not a bonus.
    const before = lower.slice(Math.max(0, m.index - 70), m.index).replace(/^.*[.!;\n]\s/s, '');
    const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 40).replace(/[.!;\n]\s.*$/s, '');
    if (EXCLUDE.test(before.slice(-45)) || EXCLUDE.test(after.slice(0, 25))) continue;
    const c = candidate(m, before, after);
    if (c && (!best || c.score > best.score)) best = c;
  }
  return best?.salary ?? suffixSalary(lower) ?? labelledRange(lower);
}

function labelledRange(lower: string): Salary | null {
  for (const m of lower.matchAll(LABELLED_RANGE)) {
    const a = amountOf(m[1]!, undefined, undefined);
    const b = amountOf(m[2]!, undefined, undefined);
    const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const found = periodAfter(after) ?? (/\bhourly\b/.test(m[0]) ? 'hour' : null);
    const s = build(a, b, found === 'biweekly' || found === null ? inferPeriod(a) : found, 'extracted');
    if (s) return s;
  }
  return null;
}

function candidate(m: RegExpMatchArray, before: string, after: string): Candidate | null {
  const a = amountOf(m[1]!, m[2], m[3]);
  const b = m[4] ? amountOf(m[4], m[5], m[6]) : m[7] ? amountOf(m[7], undefined, undefined) : null;
  const inner = /\b(?:hour|hr)\b/.test(m[0]) ? 'hour' : /\b(?:year|yr)\b/.test(m[0]) ? 'year' : null;
  let period = periodAfter(after) ?? inner ?? periodAfter(before.replace(/^.*\b(per|an|a)\s*$/, ' $1 ').slice(-12));
  let min: number | null = a;
  let max: number | null = b ?? a;
  if (b === null) {
    if (/\bup to\s*$|\bmaximum(?: of)?\s*$|\bas high as\s*$/.test(before)) min = null;
    else if (/\b(?:minimum|starting|starts|start|from|at least)\b[^$]{0,20}$/.test(before) || /^\s*\+/.test(after)) max = null;
  }
  let lo = min;
  let hi = max;
  if (period === 'biweekly') {
    lo = lo === null ? null : lo / 2;
    hi = hi === null ? null : hi / 2;
    period = 'week';
  }
  const salary = build(lo, hi, period ?? inferPeriod((min ?? max)!), 'extracted');
  if (!salary) return null;
  let score = 0;
  if (b !== null) score += 2;
  if (period) score += 2;
  if (PAY_CONTEXT.test(before.slice(-60))) score += 2;
  if (a < 5) score -= 5;
  return { salary, score, at: m.index! };
}
