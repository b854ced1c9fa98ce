import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { ashbyAdapter } from './ashby.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = ashbyAdapter.configSchema.parse({ board: 'openevidence', employer: 'OpenEvidence' });
const [start] = ashbyAdapter.start(config);

describe('ashby adapter', () => {
  it('asks for the whole board with compensation', () => {
    expect(start!.url).toBe('https://api.ashbyhq.com/posting-api/job-board/openevidence?includeCompensation=true');
  });

  it('reads the recorded OpenEvidence board with secondary locations', () => {
    const result = ashbyAdapter.parse(respond(start!, fixture('ashby/openevidence-board.json')), config);
    expect(result.failures).toEqual([]);
    expect(result.postings.map((p) => p.title)).toEqual(['Member of Technical Staff', 'Software Engineer, Data Platform']);
    expect(result.postings[0]).toMatchObject({
      externalId: '4c577aae-1ad0-444b-9e15-2ad994333de4',
      employer: 'OpenEvidence',
      location: 'San Francisco; Miami',
      locations: [
        { city: 'San Francisco', region: 'California', postalCode: null, country: 'United States' },
        { city: 'Miami', region: 'Florida', postalCode: null, country: 'United States' },
      ],
      employmentType: 'FullTime',
      workplaceType: 'OnSite',
      postedAt: '2026-01-22T21:44:44.930Z',
      salary: null,
      applyUrl: 'https://jobs.ashbyhq.com/openevidence/4c577aae-1ad0-444b-9e15-2ad994333de4/application',
    });
  });

  it('reads the Salary component, marks remote boards and skips unlisted jobs', () => {
    const body = JSON.stringify({ apiVersion: '1', jobs: [
      { id: 'j1', title: 'Coding Specialist', isRemote: true, isListed: true, publishedAt: '2026-05-01T00:00:00Z',
        compensation: { scrapeableCompensationSalarySummary: '$81K - $87K',
          summaryComponents: [{ compensationType: 'EquityPercentage', interval: 'NONE', minValue: 0.1 },
            { compensationType: 'Salary', interval: '1 YEAR', currencyCode: 'USD', minValue: 81000, maxValue: 87000 }] } },
      { id: 'j2', title: 'Hidden', isListed: false },
    ] });
    const result = ashbyAdapter.parse(respond(start!, body), config);
    expect(result.postings).toHaveLength(1);
    expect(result.postings[0]).toMatchObject({ workplaceType: 'Remote', salaryText: '$81K - $87K', salary: { min: 81000, max: 87000, currency: 'USD', period: 'year' } });
  });

  it('throws unparseable without a jobs array', () => {
    expect(() => ashbyAdapter.parse(respond(start!, ''), config)).toThrow(PermanentError);
  });
});
