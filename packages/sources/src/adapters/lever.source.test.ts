import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { leverAdapter } from './lever.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = leverAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4011', site: 'palantir', pageSize: 2, employer: 'Palantir' });
const [start] = leverAdapter.start(config);

describe('lever adapter', () => {
  it('pages with skip and limit', () => {
    expect(start).toMatchObject({ url: 'http://127.0.0.1:4011/v0/postings/palantir?mode=json&skip=0&limit=2', role: 'list', meta: { skip: 0 } });
  });

  it('reads the recorded Palantir postings and asks for the next page after a full page', () => {
    const result = leverAdapter.parse(respond(start!, fixture('lever/palantir-postings.json')), config);
    expect(result.failures).toEqual([]);
    expect(result.postings).toHaveLength(2);
    const first = result.postings[0]!;
    expect(first).toMatchObject({
      externalId: 'ac978161-6f46-4f6b-ad9e-a258e642751c',
      title: 'Administrative Business Partner',
      employer: 'Palantir',
      location: 'London, United Kingdom',
      employmentType: 'Full-time',
      workplaceType: 'hybrid',
      department: 'Administrative',
      url: 'https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c',
      applyUrl: 'https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c/apply',
      postedAt: new Date(1711403416463).toISOString(),
      salary: null,
    });
    expect(first.description).toContain('<h3>What We Require</h3><ul>');
    expect(first.description).toContain('Life at Palantir');
    expect(result.postings[1]).toMatchObject({ location: 'Palo Alto, CA', postedAt: '2026-05-12T21:48:44.938Z' });
    expect(result.next.map((r) => r.url)).toEqual(['http://127.0.0.1:4011/v0/postings/palantir?mode=json&skip=2&limit=2']);
  });

  it('stops on a short page and maps salary intervals defensively', () => {
    const page = [
      { id: 'a', text: 'ROI Specialist', createdAt: 1746100000000, categories: { location: 'Dallas, TX', commitment: 'Full-time' },
        workplaceType: 'on-site', salaryRange: { currency: 'USD', interval: 'per-hour-wage', min: 20, max: 24 } },
    ];
    const second = leverAdapter.parse(respond({ ...start!, meta: { skip: 2 } }, JSON.stringify(page)), config);
    expect(second.next).toEqual([]);
    expect(second.postings[0]!.salary).toEqual({ min: 20, max: 24, currency: 'USD', period: 'hour' });
    const yearly = [{ ...page[0], id: 'b', workplaceType: 'unspecified', salaryRange: { currency: 'usd', interval: 'per-year-salary', min: 52000, max: 60000 } }];
    const posting = leverAdapter.parse(respond(start!, JSON.stringify(yearly)), config).postings[0]!;
    expect(posting.salary).toEqual({ min: 52000, max: 60000, currency: 'USD', period: 'year' });
    expect(posting.workplaceType).toBeNull();
    const odd = [{ ...page[0], id: 'c', salaryRange: { currency: 'USD', interval: 'one-time', min: 500 } }];
    expect(leverAdapter.parse(respond(start!, JSON.stringify(odd)), config).postings[0]!.salary).toEqual({ min: 500, max: null, currency: 'USD', period: null });
  });

  it('fails a posting without an id alone and rejects a non-array body', () => {
    const result = leverAdapter.parse(respond(start!, JSON.stringify([{ text: 'No id' }])), config);
    expect(result.postings).toEqual([]);
    expect(result.failures[0]).toMatchObject({ externalId: null, reason: 'missing id' });
    expect(() => leverAdapter.parse(respond(start!, '{"ok":false}'), config)).toThrow(PermanentError);
  });
});
