import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { smartRecruitersAdapter } from './smartrecruiters.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = smartRecruitersAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4012', company: 'Guidehealth' });
const [start] = smartRecruitersAdapter.start(config);

describe('smartrecruiters adapter', () => {
  it('turns the recorded list into one detail request per posting (N+1)', () => {
    expect(start).toMatchObject({ url: 'http://127.0.0.1:4012/v1/companies/Guidehealth/postings?limit=100&offset=0', role: 'list' });
    const result = smartRecruitersAdapter.parse(respond(start!, fixture('smartrecruiters/guidehealth-list.json')), config);
    expect(result.postings).toEqual([]);
    expect(result.next.map((r) => [r.role, r.externalId, r.url])).toEqual([
      ['detail', '3743990015568355', 'http://127.0.0.1:4012/v1/companies/Guidehealth/postings/3743990015568355'],
      ['detail', '3743990015329216', 'http://127.0.0.1:4012/v1/companies/Guidehealth/postings/3743990015329216'],
      ['detail', '3743990015329017', 'http://127.0.0.1:4012/v1/companies/Guidehealth/postings/3743990015329017'],
    ]);
  });

  it('pages by offset until totalFound', () => {
    const content = Array.from({ length: 100 }, (_, i) => ({ id: String(i), name: `Job ${i}` }));
    const first = smartRecruitersAdapter.parse(respond(start!, JSON.stringify({ totalFound: 150, offset: 0, content })), config);
    const nextList = first.next.filter((r) => r.role === 'list');
    expect(nextList.map((r) => r.url)).toEqual(['http://127.0.0.1:4012/v1/companies/Guidehealth/postings?limit=100&offset=100']);
    const last = smartRecruitersAdapter.parse(respond(nextList[0]!, JSON.stringify({ totalFound: 150, content: content.slice(0, 50) })), config);
    expect(last.next.filter((r) => r.role === 'list')).toEqual([]);
    expect(last.next).toHaveLength(50);
  });

  it('reads the recorded Guidehealth detail with its job ad sections', () => {
    const detail = respond({ ...start!, role: 'detail', step: 'detail', externalId: '3743990015568355' }, fixture('smartrecruiters/guidehealth-detail.json'));
    const [posting] = smartRecruitersAdapter.parse(detail, config).postings;
    expect(posting).toMatchObject({
      externalId: '3743990015568355',
      requisitionId: 'REF292X',
      title: 'Patient Engagement Specialist - Remote',
      employer: 'Guidehealth',
      location: 'Dallas, TX, United States',
      locations: [{ city: 'Dallas', region: 'TX', postalCode: null, country: 'US' }],
      workplaceType: 'remote',
      employmentType: 'Full-time',
      postedAt: '2026-09-22T16:21:42.578Z',
      url: 'https://jobs.smartrecruiters.com/Guidehealth/3743990015568355-patient-engagement-specialist-remote',
    });
    expect(posting!.description).toContain('<h3>Qualifications</h3>');
    expect(posting!.description).toContain('$20 - $22 per hour');
  });

  it('reads the recorded Vitol detail (on-site, apply URL, department)', () => {
    const [posting] = smartRecruitersAdapter.parse(respond(start!, fixture('smartrecruiters/vitol-detail.json')), config).postings;
    expect(posting).toMatchObject({ externalId: '744000133666057', workplaceType: 'onsite', department: 'MIS, Technology', location: 'Singapore, Singapore',
      applyUrl: 'https://jobs.smartrecruiters.com/Vitol/744000133666057-platform-engineer?oga=true' });
    expect(posting!.description).not.toContain('Additional Information');
  });

  it('fails a detail without a name and rejects garbage', () => {
    const result = smartRecruitersAdapter.parse(respond(start!, JSON.stringify({ id: '9', jobAd: {} })), config);
    expect(result.failures).toEqual([{ url: start!.url, externalId: '9', reason: 'missing name' }]);
    expect(() => smartRecruitersAdapter.parse(respond(start!, '{"message":"rate limited"}'), config)).toThrow(PermanentError);
  });
});
