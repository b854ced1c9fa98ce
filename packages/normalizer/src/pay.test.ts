import { describe, expect, it } from 'vitest';
import { salaryFromStructured, salaryFromText } from './pay.ts';

const pick = (text: string) => {
  const s = salaryFromText(text);
  return s && { min: s.min, max: s.max, period: s.period, annualMin: s.annualMin };
};

describe('salaryFromText', () => {
  it.each([
    ['$ 27.87/ hour - $ 35.31 / hour', { min: 27.87, max: 35.31, period: 'hour', annualMin: 57969.6 }],
    ['Salary: $32 – $35/Hr', { min: 32, max: 35, period: 'hour', annualMin: 66560 }],
    ['$37,548 to - $60,876 per year', { min: 37548, max: 60876, period: 'year', annualMin: 37548 }],
    ['Minimum salary $90K/yr', { min: 90000, max: null, period: 'year', annualMin: 90000 }],
    ['$58, 500 - $76,000', { min: 58500, max: 76000, period: 'year', annualMin: 58500 }],
    ['up to $65k per annum', { min: null, max: 65000, period: 'year', annualMin: null }],
    ['Pay: $1,200 biweekly', { min: 600, max: 600, period: 'week', annualMin: 31200 }],
    ['The salary range for this role is $80,000.00 to $100,000.00 in base pay', { min: 80000, max: 100000, period: 'year', annualMin: 80000 }],
    ['USD 65,000.00 - 80,000.00 /Yr.', { min: 65000, max: 80000, period: 'year', annualMin: 65000 }],
    ['$20 - 25/hr', { min: 20, max: 25, period: 'hour', annualMin: 41600 }],
    ['Salary Range: 55,000 - 70,000', { min: 55000, max: 70000, period: 'year', annualMin: 55000 }],
    ['Hourly rate: 19.50-25.00', { min: 19.5, max: 25, period: 'hour', annualMin: 40560 }],
    ['Pay $18 and 5 days of PTO', { min: 18, max: 18, period: 'hour', annualMin: 37440 }],
  ])('%s', (text, expected) => {
    expect(pick(text)).toEqual(expected);
  });

  it('never takes a bonus, 401(k) or differential for base pay', () => {
    expect(pick('$5,000 sign-on bonus! 401(k) match up to $2,000. Night shift differential $3/hr.')).toBeNull();
    expect(pick('$3,000 sign-on bonus. Pay range $24.50 - $30.00 per hour.')).toEqual({ min: 24.5, max: 30, period: 'hour', annualMin: 50960 });
  });

  it('rejects nonsense amounts', () => {
    expect(pick('$99999999999/hr')).toBeNull();
  });

  it('reads amounts with a currency code after them', () => {
    expect(salaryFromText('For B2B contract: between 14.500 and 20.000 PLN net monthly')).toMatchObject({ min: 14500, max: 20000, currency: 'PLN', period: 'month' });
  });
});

describe('salaryFromStructured', () => {
  it('keeps structured values and annualises them', () => {
    expect(salaryFromStructured({ min: 20, max: 25, currency: 'USD', period: 'hour' })).toMatchObject({ annualMin: 41600, annualMax: 52000, provenance: 'structured' });
    expect(salaryFromStructured({ min: null, max: null, currency: 'USD', period: null })).toBeNull();
  });
});

describe('salaryFromText: sentence context', () => {
  it('does not let the next sentence exclude a pay figure', () => {
    expect(pick('Starting at $21/hour. 401(k) with 4% match.')).toEqual({ min: 21, max: null, period: 'hour', annualMin: 43680 });
  });
});
