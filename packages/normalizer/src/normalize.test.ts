import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError, listingSchema } from '@himatch/core';
import { normalizeMany, normalizePosting } from './normalize.ts';

const VA_CODER = `Medical Records Technician (Coder-Inpatient) GS-0675-07
Department of Veterans Affairs. This job is open to the public and veterans.
Duties: assigns ICD-10-CM and ICD-10-PCS codes and MS-DRGs to inpatient records using 3M 360 Encompass.
Requirements:
One year of creditable experience OR an associate's degree in health information technology.
Certification: RHIT, RHIA, CCS or CIC required, or obtain within 12 months of hire.
Salary $49,000 to $63,000 per year. Full-time. Telework eligible No.`;

describe('normalizePosting', () => {
  it('builds a full listing that passes the contract', () => {
    const l = normalizePosting({ title: 'Medical Records Technician (Coder-Inpatient)', description: VA_CODER, employer: 'Veterans Health Administration', location: 'Salem, VA 24153', applyUrl: 'https://www.usajobs.gov/job/1' });
    expect(listingSchema.parse(l)).toEqual(l);
    expect(l).toMatchObject({ isHit: true, role: 'coder_inpatient', socCode: '29-2072', employmentType: 'full_time', setting: 'federal' });
    expect(l.credentials.required[0]).toMatchObject({ anyOf: ['RHIT', 'RHIA', 'CCS', 'CIC'], withinMonths: 12 });
    expect(l.salary).toMatchObject({ min: 49000, max: 63000, period: 'year', provenance: 'extracted' });
    expect(l.federal).toMatchObject({ series: ['0675'], payPlan: 'GS', gradeLow: 7 });
    expect(l.federal!.whoMayApply).toEqual(expect.arrayContaining(['public', 'veterans']));
    expect(l.locations[0]).toMatchObject({ city: 'Salem', region: 'VA', postalCode: '24153' });
    expect(l.locations[0]!.lat).not.toBeNull();
    expect(l.skills).toEqual(expect.arrayContaining(['ICD-10-PCS', 'MS-DRG', '3M/Solventum 360']));
    expect(l.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('prefers structured salary and marks its provenance', () => {
    const l = normalizePosting({ title: 'Coder', description: 'Pay $20/hr', salary: { min: 25, max: 30, currency: 'USD', period: 'hour' } });
    expect(l.salary).toMatchObject({ min: 25, max: 30, annualMin: 52000, provenance: 'structured' });
  });

  it('reads a remote job and its states', () => {
    const l = normalizePosting({ title: 'Remote Outpatient Coder', description: 'Remote (must reside in TX, OK, LA). CPC required.' });
    expect(l.workMode).toBe('remote');
    expect(l.remoteEligibleRegions).toEqual(['TX', 'OK', 'LA']);
  });

  it('rejects an empty title with a ValidationError', () => {
    expect(() => normalizePosting({ title: '   ', description: 'x' })).toThrow(ValidationError);
    expect(() => normalizePosting({ title: '\u200b' })).toThrow(ValidationError);
    expect(() => normalizePosting(null as never)).toThrow(ValidationError);
  });

  it('normalizes many and returns errors in place', () => {
    const out = normalizeMany([{ title: 'Coder', description: '' }, { title: '' }]);
    expect(out[0]).toHaveProperty('isHit');
    expect(out[1]).toBeInstanceOf(ValidationError);
  });
});

const odd = fc.constantFrom('\u202e', '\u200b', '\u0000', '🩺', '💰', 'עברית', '\ufeff', '&amp;', '&lt;p&gt;', '<', '>', '<p', '</li>', '<script>', '$', '99999999999', '-5 years', '/hr', 'RHIT', 'CPC(A)', 'GS-0675-', '\n');
const fragment = fc.oneof(fc.string({ maxLength: 40 }), odd, fc.constantFrom('<p>Coder</p>', '<ul><li>CCS', '$99999999999/hr', '-5 years of experience', 'Remote (must reside in', 'within 999 months of hire'));
const text = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(' '));

/** A hang detector, not a speed check (speed is `himatch bench normalize`): generous for a loaded 2-core machine. */
const HANG_MS = 20_000;

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function normalizeOrValidation(raw: Parameters<typeof normalizePosting>[0]): void {
  try {
    listingSchema.parse(normalizePosting(raw));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
  }
}

describe('normalizePosting properties', () => {
  it('returns a listing or a ValidationError for odd input, quickly', () => {
    fc.assert(fc.property(text, text, fc.option(text), (title, description, salaryText) => {
      const ms = timed(() => normalizeOrValidation({ title, description, salaryText, location: description.slice(0, 200) }));
      if (ms > HANG_MS) throw new Error(`took ${ms} ms`);
    }), { numRuns: 200 });
  });

  it('survives malformed HTML', () => {
    const tag = fc.constantFrom('<p>', '</p>', '<ul', '<li>', '<a href="javascript:x">', '<div><div><div>', '<!--', '<![CDATA[', '<b><i></b></i>', '<table><tr><td>');
    fc.assert(fc.property(fc.array(fc.oneof(tag, fc.string({ maxLength: 20 })), { maxLength: 200 }), (parts) => {
      const ms = timed(() => normalizeOrValidation({ title: 'Coder', description: parts.join('') }));
      if (ms > HANG_MS) throw new Error(`took ${ms} ms`);
    }), { numRuns: 100 });
  });

  it('handles 1 MB inputs within the time bound', () => {
    fc.assert(fc.property(fc.constantFrom('a', 'RHIT, ', '$1', '<p>', '1 year ', 'x'.repeat(999) + ' ', '((((', '\u200b'), (unit) => {
      const big = unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
      const ms = timed(() => normalizeOrValidation({ title: 'Medical Coder', description: big }));
      if (ms > HANG_MS) throw new Error(`took ${ms} ms`);
    }), { numRuns: 8 });
  });

  it('never takes nonsense numbers for pay or years', () => {
    const l = normalizePosting({ title: 'Coder', description: 'Pay $99999999999/hr. Requires -5 years of experience.' });
    expect(l.salary).toBeNull();
    expect(l.experience.minYears === null || l.experience.minYears >= 0).toBe(true);
  });
});

describe('normalizePosting context', () => {
  it('treats a USAJOBS posting as federal', () => {
    const l = normalizePosting({ title: 'Medical Support Assistant', description: 'Schedules appointments.' }, { sourceKind: 'usajobs' });
    expect(l.federal).not.toBeNull();
    expect(l.setting).toBe('federal');
  });
});
