import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError, listingSchema, type Listing } from '@himatch/core';
import { normalizePosting } from './normalize.ts';

// Property tests beyond normalize.test.ts: any value as input, any code point in any field,
// nonsense numbers where pay, years and grades are read, and 1 MB in every text field.
// The only bound on time is a hang detector: far above any normal run even on a loaded
// machine, far below what catastrophic regex backtracking on 1 MB would take.
const HANG_MS = 20_000;

/** The listing, or null for a ValidationError; anything else thrown fails the property. */
function listingOrNull(raw: unknown): Listing | null {
  const t = performance.now();
  let listing: Listing | null = null;
  try {
    listing = listingSchema.parse(normalizePosting(raw as Parameters<typeof normalizePosting>[0]));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
  }
  const ms = performance.now() - t;
  if (ms > HANG_MS) throw new Error(`normalizePosting took ${Math.round(ms)} ms`);
  return listing;
}

const anyUnicode = fc.string({ unit: 'binary', maxLength: 300 });
const field = fc.oneof(anyUnicode, fc.anything(), fc.constant(undefined));

describe('normalizePosting on arbitrary input', () => {
  it('returns a listing or a ValidationError for any value at all', () => {
    fc.assert(fc.property(fc.anything(), (value) => { listingOrNull(value); }), { numRuns: 300 });
  });

  it('returns a listing or a ValidationError for postings with wrongly typed fields', () => {
    const raw = fc.record({
      title: field, description: field, employer: field, location: field, salaryText: field, salary: field,
      employmentType: field, workplaceType: field, remoteRegions: field, locations: field, federal: field,
      postedAt: field, closesAt: field, url: field, applyUrl: field, experienceMonths: field, educationText: field,
    }, { requiredKeys: [] });
    fc.assert(fc.property(raw, (value) => { listingOrNull(value); }), { numRuns: 300 });
  });

  it('keeps any code point (lone surrogates, RTL marks, NUL, emoji) out of trouble', () => {
    fc.assert(fc.property(anyUnicode, anyUnicode, anyUnicode, anyUnicode, (title, description, location, salaryText) => {
      const l = listingOrNull({ title: `Coder ${title}`, description, location, salaryText });
      expect(l).not.toBeNull();
    }), { numRuns: 300 });
  });
});

const nonsense = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('0', '-0', '00000', '1e309', '-1e5', '9'.repeat(400), '1,2,3,4', '1.2.3', '.5', '$', 'NaN', 'Infinity', '0x1F', '١٢٣'),
);

describe('nonsense numbers', () => {
  it('never yields an implausible salary, years or grade', () => {
    fc.assert(fc.property(nonsense, nonsense, nonsense, nonsense, (a, b, years, grade) => {
      const description = `Pay: $${a} - $${b} per hour. Salary ${a}k–${b}k per year. Requires ${years} years of coding experience. GS-0675-${grade}. Within ${years} months of hire.`;
      const l = listingOrNull({ title: 'Medical Coder', description, salaryText: `$${a} to $${b}` });
      if (!l) return;
      if (l.salary) {
        for (const v of [l.salary.min, l.salary.max, l.salary.annualMin, l.salary.annualMax]) expect(v === null || (Number.isFinite(v) && v > 0)).toBe(true);
        if (l.salary.min !== null && l.salary.max !== null) expect(l.salary.min).toBeLessThanOrEqual(l.salary.max);
      }
      const y = l.experience.minYears;
      expect(y === null || (Number.isFinite(y) && y >= 0 && y <= 60)).toBe(true);
      for (const g of l.credentials.required.concat(l.credentials.preferred)) expect(g.withinMonths === null || (g.withinMonths > 0 && g.withinMonths <= 60)).toBe(true);
      const f = l.federal;
      if (f) for (const v of [f.gradeLow, f.gradeHigh]) expect(v === null || (Number.isInteger(v) && v >= 1 && v <= 15)).toBe(true);
    }), { numRuns: 300 });
  });

  it('rejects or drops nonsense structured pay', () => {
    const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER));
    fc.assert(fc.property(num, num, fc.constantFrom('hour', 'year', 'month', 'week', 'day', null), (min, max, period) => {
      const l = listingOrNull({ title: 'Medical Coder', salary: { min, max, currency: 'USD', period } });
      if (l?.salary) expect(Number.isFinite(l.salary.annualMax ?? l.salary.annualMin ?? 0)).toBe(true);
    }), { numRuns: 300 });
  });
});

const MB = 1_000_000;
const POSTING_HTML = '<h3>Requirements</h3><ul><li>RHIT or RHIA required; CCS, CPC or CIC within 6 months of hire</li><li>Associate degree in HIT or equivalent experience</li><li>2+ years of inpatient coding experience</li></ul><p>Pay: $22.50–$28.00/hr. Remote – must reside in TX, OK or LA. Hybrid: 3 days on site. GS-0675-07. Title 32 dual status.</p>';

describe('1 MB inputs', () => {
  it('reads a 1 MB posting made of realistic requirement text', () => {
    const l = listingOrNull({ title: 'Medical Coder', description: POSTING_HTML.repeat(Math.ceil(MB / POSTING_HTML.length)).slice(0, MB) });
    expect(l?.isHit).toBe(true);
  }, 60_000);

  it('accepts or rejects 1 MB in every other text field', () => {
    const big = fc.constantFrom('a', 'RHIT or ', 'Remote (', '$1-', ', TX; ', '<li>', '\u202e\u0000');
    const name = fc.constantFrom('title', 'location', 'salaryText', 'employer', 'employmentType', 'workplaceType', 'educationText');
    fc.assert(fc.property(big, name, (unit, key) => {
      listingOrNull({ title: 'Medical Coder', description: 'Assigns ICD-10-CM codes.', [key]: unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB) });
    }), { numRuns: 14 });
  }, 120_000);
});
