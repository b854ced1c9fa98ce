import { describe, expect, it } from 'vitest';
import { icimsAdapter, icimsJobId } from './icims.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = icimsAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4016' });
const [start] = icimsAdapter.start(config);

describe('icims adapter', () => {
  it('starts at the sitemap and requests the in_iframe frame of every /jobs/{id} URL', () => {
    expect(start).toMatchObject({ url: 'http://127.0.0.1:4016/sitemap.xml', role: 'discovery', step: 'sitemap' });
    const urlset = `<urlset><url><loc>http://127.0.0.1:4016/jobs/38891/warehouse-associate-2/job</loc><lastmod>2026-09-22</lastmod></url>
      <url><loc>http://127.0.0.1:4016/jobs/intro</loc></url>
      <url><loc>http://127.0.0.1:4016/careers-home/jobs/38896?lang=en</loc></url></urlset>`;
    const next = icimsAdapter.parse(respond(start!, urlset), config).next;
    expect(next.map((r) => [r.url, r.externalId, r.role, r.lastModifiedHint])).toEqual([
      ['http://127.0.0.1:4016/jobs/38891/warehouse-associate-2/job?in_iframe=1', '38891', 'detail', '2026-09-22'],
      ['http://127.0.0.1:4016/careers-home/jobs/38896?lang=en&in_iframe=1', '38896', 'detail', null],
    ]);
  });

  it('reads the recorded located frame, dropping UNAVAILABLE address parts', () => {
    const req = { ...start!, url: 'http://127.0.0.1:4016/jobs/38891/warehouse-associate-2/job?in_iframe=1', role: 'detail' as const, step: 'page', externalId: '38891' };
    const result = icimsAdapter.parse(respond(req, fixture('icims/fujifilm-located-jsonld-frame.html')), config);
    expect(result.postings).toHaveLength(1);
    expect(result.postings[0]).toMatchObject({
      externalId: '38891',
      title: 'Warehouse Associate 2',
      employer: 'Fujifilm',
      locations: [{ city: 'Holly Springs', region: 'NC', postalCode: '27540', country: 'US' }],
      postedAt: '2026-09-22T04:00:00.000Z',
      closesAt: '2027-09-22T04:00:00.000Z',
      employmentType: 'OTHER',
      applyUrl: 'https://uscareers-fujifilm.icims.com/jobs/38891/warehouse-associate-2/job',
    });
  });

  it('reads the recorded remote frame, taking the id from the page URL', () => {
    const req = { ...start!, url: 'http://127.0.0.1:4016/jobs/38896/national-security-manager/job?in_iframe=1', role: 'detail' as const, step: 'page' };
    const [posting] = icimsAdapter.parse(respond(req, fixture('icims/fujifilm-remote-jsonld-frame.html')), config).postings;
    expect(posting).toMatchObject({ externalId: '38896', title: 'National Security Manager', locations: [{ city: 'Remote', region: null, postalCode: null, country: 'US' }] });
  });

  it('finds ids in both URL shapes', () => {
    expect(icimsJobId('https://careers-x.icims.com/jobs/123/title/job')).toBe('123');
    expect(icimsJobId('https://x.example/careers-home/jobs/456?in_iframe=1')).toBe('456');
    expect(icimsJobId('https://careers-x.icims.com/jobs/search')).toBeNull();
  });
});
