import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { usajobsAdapter } from './usajobs.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const real = usajobsAdapter.configSchema.parse({ apiKey: 'k3y', userAgentEmail: 'ops@example.org', keyword: 'coder' });
const local = usajobsAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4014', apiKey: 'k3y', userAgentEmail: 'ops@example.org', resultsPerPage: 250 });

describe('usajobs adapter: requests', () => {
  it('sends the key, the registered e-mail and Host only to the real host', () => {
    const [first] = usajobsAdapter.start(real);
    expect(first!.url).toBe('https://data.usajobs.gov/api/Search?Keyword=coder&JobCategoryCode=0675;0669&ResultsPerPage=250&Page=1');
    expect(first!.headers).toEqual({ 'Authorization-Key': 'k3y', 'User-Agent': 'ops@example.org', Host: 'data.usajobs.gov' });
    const [demo] = usajobsAdapter.start(local);
    expect(demo!.url).toBe('http://127.0.0.1:4014/api/Search?JobCategoryCode=0675;0669&ResultsPerPage=250&Page=1');
    expect(demo!.headers).not.toHaveProperty('Host');
  });
});

describe('usajobs adapter: recorded searches', () => {
  it('reads prose intervals, grades, hiring paths and NumberOfPages (2022 search)', () => {
    const [first] = usajobsAdapter.start(local);
    const result = usajobsAdapter.parse(respond(first!, fixture('usajobs/search-2022-dcsa-nnsa-data-science.json')), local);
    expect(result.failures).toEqual([]);
    expect(result.postings[0]).toMatchObject({
      externalId: '645184400',
      requisitionId: 'DCSA-22-11428309-P',
      title: 'COMPUTER SCIENTIST (DATA SCIENTIST/DATA ANALYST)',
      salary: { min: 97738, max: 138868, currency: 'USD', period: 'year' },
      postedAt: '2022-03-25T11:18:12.420Z',
      closesAt: '2022-04-14T23:59:59.997Z',
      applyUrl: 'https://www.usajobs.gov:443/GetJob/ViewDetails/645184400?PostingChannelID=',
      workplaceType: 'hybrid',
      employmentType: 'Full-time',
      federal: { series: ['1550'], payPlan: 'GG', gradeLow: 13, gradeHigh: 13, whoMayApply: null, hiringPaths: ['public'] },
    });
    expect(result.postings[0]!.locations![0]).toEqual({ city: 'Fort Meade', region: 'Maryland', postalCode: null, country: 'United States' });
    expect(result.postings[0]!.description).toMatch(/^Summary\nThis position is placed/);
    expect(result.postings[0]!.description).toContain('Education\nSubstitution of education');
    expect(result.postings[1]!.federal).toMatchObject({ payPlan: 'NQ', gradeLow: 4, hiringPaths: ['fed-transition', 'fed-competitive', 'vet'] });
    expect(result.next.map((r) => r.meta.page)).toEqual([2]);
    const lastPage = { ...first!, meta: { page: 1084 } };
    expect(usajobsAdapter.parse(respond(lastPage, fixture('usajobs/search-2022-dcsa-nnsa-data-science.json')), local).next).toEqual([]);
  });

  it('reads code intervals and pages by SearchResultCountAll (2026 search)', () => {
    const [first] = usajobsAdapter.start(local);
    const result = usajobsAdapter.parse(respond(first!, fixture('usajobs/search-2026-irs-navy-slim.json')), local);
    expect(result.postings.map((p) => p.externalId)).toEqual(['871922900', '848520700']);
    expect(result.postings[0]).toMatchObject({
      salary: { min: 89508, max: 145468, period: 'year' },
      salaryText: '89508 - 145468 Per Year',
      postedAt: '2026-06-05T00:00:00.000Z',
      closesAt: '2026-06-18T23:59:59.997Z',
      employer: 'Internal Revenue Service',
    });
    // 1621 results at 250 per page: pages 1..7.
    const page7 = { ...first!, meta: { page: 7 } };
    expect(result.next.map((r) => r.meta.page)).toEqual([2]);
    expect(usajobsAdapter.parse(respond(page7, fixture('usajobs/search-2026-irs-navy-slim.json')), local).next).toEqual([]);
  });
});

describe('usajobs adapter: edge cases', () => {
  const item = (id: string, pay: Record<string, string>, details: Record<string, unknown> = {}) => ({
    MatchedObjectId: id,
    MatchedObjectDescriptor: { PositionTitle: 'Medical Records Technician (Coder)', JobCategory: [{ Code: '0675' }], PositionRemuneration: [pay],
      UserArea: { Details: { WhoMayApply: { Name: 'United States Citizens', Code: '15514' }, ...details } } },
  });
  const parse = (items: unknown[]) => usajobsAdapter.parse(respond(usajobsAdapter.start(local)[0]!, JSON.stringify({ SearchResult: { SearchResultCountAll: items.length, SearchResultItems: items } })), local);

  it('normalizes hourly codes and prose, bi-weekly pay and remote flags', () => {
    const result = parse([
      item('1', { MinimumRange: '24.50', MaximumRange: '31.85', RateIntervalCode: 'PH' }, { RemoteIndicator: true }),
      item('2', { MinimumRange: '24.50', MaximumRange: '31.85', RateIntervalCode: 'Per Hour' }, { TeleworkEligible: false }),
      item('3', { MinimumRange: '2000', MaximumRange: '2600', RateIntervalCode: 'BW' }),
      { MatchedObjectDescriptor: { PositionTitle: 'No id' } },
    ]);
    expect(result.postings.map((p) => p.salary?.period)).toEqual(['hour', 'hour', 'week']);
    expect(result.postings[2]!.salary).toMatchObject({ min: 1000, max: 1300 });
    expect(result.postings.map((p) => p.workplaceType)).toEqual(['remote', 'onsite', null]);
    expect(result.postings[0]!.federal?.whoMayApply).toBe('United States Citizens');
    expect(result.failures).toEqual([expect.objectContaining({ externalId: null, reason: 'missing MatchedObjectId' })]);
    expect(result.next).toEqual([]);
  });

  it('throws unparseable without SearchResultItems', () => {
    expect(() => usajobsAdapter.parse(respond(usajobsAdapter.start(local)[0]!, '{"SearchResult":{}}'), local)).toThrow(PermanentError);
  });
});
