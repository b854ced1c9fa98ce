import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { experienceToMonths, indeedXmlAdapter } from './indeed-xml.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = indeedXmlAdapter.configSchema.parse({ feedUrl: 'http://127.0.0.1:4018/indeed.xml' });
const [start] = indeedXmlAdapter.start(config);

describe('indeed-xml adapter', () => {
  it('reads the recorded Zonos feed, one posting per reference number', () => {
    const result = indeedXmlAdapter.parse(respond(start!, fixture('indeed-xml/zonos-deel-feed.xml')), config);
    expect(result.failures).toEqual([]);
    expect(result.postings.map((p) => p.externalId)).toEqual(['28463379', '32442308']);
    expect(result.postings[0]).toMatchObject({
      employer: 'Zonos',
      employmentType: 'Full-time',
      postedAt: '2026-05-07T00:00:00.000Z',
      locations: [{ city: 'Remote', region: null, postalCode: null, country: 'US' }],
      url: 'https://jobs.deel.com/zonos/job-details/6ede6e6a-1b6a-4eae-828e-640af99ee809/overview',
    });
    expect(result.postings[0]!.description).toMatch(/^<p>Zonos is the AI operating system/);
  });

  it('reads CDATA values and the optional fields; a job without reference number fails alone', () => {
    const xml = `<?xml version="1.0"?><source><publisher>Example Health</publisher>
      <job><title><![CDATA[Release of Information Specialist]]></title><date><![CDATA[2026-05-01]]></date>
        <referencenumber><![CDATA[0042-DAL]]></referencenumber><requisitionid><![CDATA[R-42]]></requisitionid>
        <url><![CDATA[https://careers.example.org/jobs/42]]></url><company><![CDATA[Example Health]]></company>
        <city><![CDATA[Dallas]]></city><state><![CDATA[TX]]></state><country><![CDATA[US]]></country><postalcode><![CDATA[75201]]></postalcode>
        <description><![CDATA[<p>Process <b>ROI</b> requests &amp; audits.</p>]]></description>
        <salary><![CDATA[$18.50 - $22.00 per hour]]></salary><education><![CDATA[High school diploma]]></education>
        <jobtype><![CDATA[fulltime]]></jobtype><experience><![CDATA[2+ years]]></experience>
        <expirationdate><![CDATA[2026-07-01]]></expirationdate><remotetype><![CDATA[Hybrid]]></remotetype></job>
      <job><title><![CDATA[No ref]]></title></job></source>`;
    const result = indeedXmlAdapter.parse(respond(start!, xml), config);
    expect(result.postings[0]).toEqual(expect.objectContaining({
      externalId: '0042-DAL', requisitionId: 'R-42', title: 'Release of Information Specialist',
      description: '<p>Process <b>ROI</b> requests &amp; audits.</p>', location: 'Dallas, TX, US',
      locations: [{ city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' }],
      salaryText: '$18.50 - $22.00 per hour', educationText: 'High school diploma', employmentType: 'fulltime',
      experienceMonths: 24, closesAt: '2026-07-01T00:00:00.000Z', workplaceType: 'Hybrid',
    }));
    expect(result.failures).toEqual([expect.objectContaining({ externalId: null, reason: 'missing referencenumber' })]);
  });

  it('reads experience prose as months', () => {
    expect(experienceToMonths('3-5 years')).toBe(36);
    expect(experienceToMonths('6 months')).toBe(6);
    expect(experienceToMonths('none')).toBeNull();
  });

  it('throws unparseable on garbage or a foreign root', () => {
    expect(() => indeedXmlAdapter.parse(respond(start!, '<source><job>'), config)).toThrow(PermanentError);
    expect(() => indeedXmlAdapter.parse(respond(start!, '<rss><channel/></rss>'), config)).toThrow(/no <source> root/);
  });
});
