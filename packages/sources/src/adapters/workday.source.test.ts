import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { workdayAdapter } from './workday.source.ts';
import { postedOnToIso } from '../util/dates.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = workdayAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4013', tenant: 'pjm', site: 'PJM', pageSize: 3 });
const [start] = workdayAdapter.start(config);

describe('workday adapter: list paging', () => {
  it('POSTs the CXS search body', () => {
    expect(start).toMatchObject({ url: 'http://127.0.0.1:4013/wday/cxs/pjm/PJM/jobs', method: 'POST', role: 'list' });
    expect(JSON.parse(start!.body!)).toEqual({ appliedFacets: {}, limit: 3, offset: 0, searchText: '' });
  });

  it('requests details only for new postings and carries total to the next page', () => {
    const result = workdayAdapter.parse(respond(start!, fixture('workday/pjm-list-page.json')), config);
    expect(result.postings).toEqual([]);
    const details = result.next.filter((r) => r.role === 'detail');
    expect(details[0]).toMatchObject({
      url: 'http://127.0.0.1:4013/wday/cxs/pjm/PJM/job/Audubon-PA-Hybrid/Sr-Market-Strategist-I--II-_REQ-2026-4193',
      externalId: '/job/Audubon-PA-Hybrid/Sr-Market-Strategist-I--II-_REQ-2026-4193',
      meta: { skipIfKnown: true, postedOn: 'Posted 2 Days Ago', requisitionId: 'REQ-2026-4193' },
    });
    const [nextPage] = result.next.filter((r) => r.role === 'list');
    expect(JSON.parse(nextPage!.body!)).toMatchObject({ offset: 3 });
    expect(nextPage!.meta).toMatchObject({ offset: 3, total: 13 });
  });

  it('uses the carried total when later pages omit it, and stops at the end', () => {
    const page = (n: number) => ({ title: `Job ${n}`, externalPath: `/job/X/Job_${n}` });
    const later = { ...start!, meta: { offset: 9, total: 13, pageMarks: [], appliedFacets: {} } };
    const mid = workdayAdapter.parse(respond(later, JSON.stringify({ jobPostings: [page(10), page(11), page(12)] })), config);
    expect(mid.next.filter((r) => r.role === 'list').map((r) => r.meta.offset)).toEqual([12]);
    const end = { ...start!, meta: { offset: 12, total: 13, pageMarks: [], appliedFacets: {} } };
    const last = workdayAdapter.parse(respond(end, JSON.stringify({ total: 0, jobPostings: [page(13)] })), config);
    expect(last.next.filter((r) => r.role === 'list')).toEqual([]);
    const empty = workdayAdapter.parse(respond(later, JSON.stringify({ jobPostings: [] })), config);
    expect(empty.next).toEqual([]);
  });

  it('stops when a page comes round again (the 2000 loop)', () => {
    const wide = workdayAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4013', tenant: 'nvidia', site: 'NVIDIAExternalCareerSite', pageSize: 2 });
    const [first] = workdayAdapter.start(wide);
    const body = fixture('workday/list-page-total-2000.json');
    const page1 = workdayAdapter.parse(respond(first!, body), wide);
    expect(page1.next.filter((r) => r.role === 'detail')).toHaveLength(2);
    const [page2Request] = page1.next.filter((r) => r.role === 'list');
    expect(page2Request!.meta).toMatchObject({ offset: 2, total: 2000 });
    // The board answers offset 2 with the first page again: no details, no further pages.
    const page2 = workdayAdapter.parse(respond(page2Request!, body), wide);
    expect(page2.next).toEqual([]);
  });

  it('splits a board that hits the 2000 cap by a facet', () => {
    const capped = JSON.parse(fixture('workday/durham-nc-list-page-with-facets.json')) as Record<string, unknown>;
    const result = workdayAdapter.parse(respond(start!, JSON.stringify({ ...capped, total: 2000 })), config);
    const splits = result.next.filter((r) => r.role === 'list' && Object.keys(r.meta.appliedFacets as object).length > 0);
    expect(splits.map((r) => JSON.parse(r.body!).appliedFacets)).toEqual([
      { locations: ['dbb04e2ba3870101ba26cc6d33eb0000'] },
      { locations: ['dbb04e2ba3870101ba26ed0e6bdf0000'] },
      { locations: ['1c55b093cf6d100157d8223801b60000'] },
    ]);
    // The recorded board (total 3) needs no split and no second page.
    const small = workdayAdapter.parse(respond(start!, fixture('workday/durham-nc-list-page-with-facets.json')), config);
    expect(small.next.filter((r) => r.role === 'list')).toEqual([]);
  });
});

describe('workday adapter: detail', () => {
  it('reads the recorded Merck detail', () => {
    const path = '/job/USA---Pennsylvania---West-Point/XMLNAME-2027-Future-Talent-Program---Manufacturing-Strategy--Business-Development-and-Alliances--MSBDA--Intern_R418677';
    const req = { ...start!, method: 'GET' as const, body: null, role: 'detail' as const, step: 'detail', externalId: path, url: `http://127.0.0.1:4013/wday/cxs/pjm/PJM${path}` };
    const [posting] = workdayAdapter.parse(respond(req, fixture('workday/merck-detail.json')), config).postings;
    expect(posting).toMatchObject({
      externalId: path,
      requisitionId: 'R418677',
      employer: 'Merck Sharp & Dohme LLC',
      location: 'USA - Pennsylvania - West Point; USA - New Jersey - Rahway',
      workplaceType: 'Hybrid',
      employmentType: 'Full time',
      postedAt: '2026-09-23T00:00:00.000Z',
      closesAt: '2026-11-09T00:00:00.000Z',
    });
  });

  it('derives the id from externalUrl for a saved NVIDIA detail and falls back to postedOn prose', () => {
    const body = JSON.parse(fixture('workday/nvidia-detail.json')) as { jobPostingInfo: Record<string, unknown> };
    delete body.jobPostingInfo.startDate;
    const req = { ...start!, role: 'detail' as const, url: 'http://127.0.0.1:4013/saved.json' };
    const [posting] = workdayAdapter.parse(respond(req, JSON.stringify(body), { fetchedAt: '2026-08-05T15:00:00Z' }), config).postings;
    expect(posting).toMatchObject({
      externalId: '/job/Israel-Yokneam/Practical-Hardware-Electronics-Test-Engineer_JR2021705',
      employer: 'Mellanox Technologies, Ltd.',
      postedAt: '2026-08-05T00:00:00.000Z',
      workplaceType: null,
    });
  });

  it('turns postedOn prose into dates relative to the fetch', () => {
    const at = '2026-10-10T12:00:00.000Z';
    expect(postedOnToIso('Posted Today', at)).toBe('2026-10-10T00:00:00.000Z');
    expect(postedOnToIso('Posted Yesterday', at)).toBe('2026-10-09T00:00:00.000Z');
    expect(postedOnToIso('Posted 4 Days Ago', at)).toBe('2026-10-06T00:00:00.000Z');
    expect(postedOnToIso('Posted 30+ Days Ago', at)).toBe('2026-09-10T00:00:00.000Z');
    expect(postedOnToIso('Posted sometime', at)).toBeNull();
  });

  it('rejects a body that is neither list nor detail', () => {
    expect(() => workdayAdapter.parse(respond(start!, '{"errorCode":"HTTP_500"}'), config)).toThrow(PermanentError);
  });
});
