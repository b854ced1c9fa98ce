import { describe, expect, it } from 'vitest';
import { group, makeListing } from './fixtures.test-support.ts';
import { parseSavedSearch, savedSearchMatches } from './saved-search.ts';

const coder = makeListing('S1', {
  role: 'coder_outpatient', workMode: 'remote', locations: [], remoteEligibleRegions: ['TX', 'OK'],
  credentials: { required: [group('CPC or CCS required', ['CPC', 'CCS'])], preferred: [group('CRC preferred', ['CRC'])] },
  salary: { min: 25, max: 32, currency: 'USD', period: 'hour', annualMin: 52000, annualMax: 66560, provenance: 'structured' },
});

describe('saved searches', () => {
  it('reads singular and plural spellings leniently', () => {
    expect(parseSavedSearch({ role: 'coder_outpatient', credential: 'cpc', state: 'tx', remote: true, minPay: 60000 }))
      .toEqual({ roles: ['coder_outpatient'], credentials: ['CPC'], states: ['TX'], remote: true, minAnnualPay: 60000 });
    expect(parseSavedSearch(null)).toEqual({ roles: [], credentials: [], states: [], remote: null, minAnnualPay: null });
  });

  it.each([
    [{}, true],
    [{ roles: ['coder_outpatient', 'coder_profee'] }, true],
    [{ role: 'him_technician' }, false],
    [{ credential: 'CRC' }, true],
    [{ credentials: ['RHIA'] }, false],
    [{ state: 'OK' }, true],
    [{ state: 'NC' }, false],
    [{ remote: true }, true],
    [{ remote: false }, false],
    [{ minAnnualPay: 66000 }, true],
    [{ minAnnualPay: 70000 }, false],
    [{ role: 'coder_outpatient', state: 'TX', remote: true, credential: 'CCS', minPay: 50000 }, true],
  ])('query %j matches: %s', (query, expected) => {
    expect(savedSearchMatches(coder, parseSavedSearch(query))).toBe(expected);
  });

  it('a listing without pay never passes a pay filter', () => {
    expect(savedSearchMatches(makeListing('S2', { salary: null }), parseSavedSearch({ minPay: 1 }))).toBe(false);
  });
});
