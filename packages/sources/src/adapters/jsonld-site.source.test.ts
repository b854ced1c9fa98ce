import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { jsonLdSiteAdapter } from './jsonld-site.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = jsonLdSiteAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4015', jobPathPattern: '^/careers/[^/]+\\.html$' });
const [robots] = jsonLdSiteAdapter.start(config);

describe('jsonld-site adapter: discovery', () => {
  it('follows robots.txt Sitemap lines, else falls back to /sitemap.xml', () => {
    expect(robots).toMatchObject({ url: 'http://127.0.0.1:4015/robots.txt', role: 'discovery', step: 'robots' });
    const withLines = jsonLdSiteAdapter.parse(respond(robots!, 'User-agent: *\nDisallow: /admin\nSitemap: http://127.0.0.1:4015/sitemap-index.xml\nsitemap: http://127.0.0.1:4015/jobs.xml\n'), config);
    expect(withLines.next.map((r) => [r.url, r.role, r.step])).toEqual([
      ['http://127.0.0.1:4015/sitemap-index.xml', 'discovery', 'sitemap'],
      ['http://127.0.0.1:4015/jobs.xml', 'discovery', 'sitemap'],
    ]);
    const without = jsonLdSiteAdapter.parse(respond(robots!, 'User-agent: *\nAllow: /\n'), config);
    expect(without.next.map((r) => r.url)).toEqual(['http://127.0.0.1:4015/sitemap.xml']);
    const missing = jsonLdSiteAdapter.parse(respond(robots!, 'Not found', { status: 404 }), config);
    expect(missing.next.map((r) => r.url)).toEqual(['http://127.0.0.1:4015/sitemap.xml']);
  });

  it('turns a sitemap index into list requests and a urlset into filtered detail requests', () => {
    const sitemap = { ...robots!, url: 'http://127.0.0.1:4015/sitemap.xml', step: 'sitemap' };
    const index = '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://127.0.0.1:4015/jobs.xml</loc><lastmod>2026-05-01</lastmod></sitemap></sitemapindex>';
    expect(jsonLdSiteAdapter.parse(respond(sitemap, index), config).next).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1:4015/jobs.xml', role: 'list', step: 'sitemap', lastModifiedHint: null }),
    ]);
    const urlset = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>http://127.0.0.1:4015/careers/him-coder-1.html</loc><lastmod>2026-05-04T10:00:00Z</lastmod></url>
      <url><loc>http://127.0.0.1:4015/about.html</loc></url>
      <url><loc>http://127.0.0.1:4015/careers/roi-specialist.html</loc></url>
    </urlset>`;
    const next = jsonLdSiteAdapter.parse(respond(sitemap, urlset), config).next;
    expect(next.map((r) => [r.url, r.role, r.lastModifiedHint])).toEqual([
      ['http://127.0.0.1:4015/careers/him-coder-1.html', 'detail', '2026-05-04T10:00:00Z'],
      ['http://127.0.0.1:4015/careers/roi-specialist.html', 'detail', null],
    ]);
  });

  it('throws unparseable on a broken sitemap', () => {
    const sitemap = { ...robots!, step: 'sitemap' };
    expect(() => jsonLdSiteAdapter.parse(respond(sitemap, '<urlset><url><loc>x</url>'), config)).toThrow(PermanentError);
  });
});

describe('jsonld-site adapter: job pages', () => {
  const page = (url: string) => ({ ...robots!, url, role: 'detail' as const, step: 'page' });

  it('reads the recorded Zonos page: identifier as id, country requirement as remote region', () => {
    const url = 'https://www.zonos.com/careers/seniorstaff-backend-engineer-6ede6e6a-1b6a-4eae-828e-640af99ee809.html';
    const result = jsonLdSiteAdapter.parse(respond(page(url), fixture('jsonld/zonos-senior-backend-engineer.html')), config);
    expect(result.failures).toEqual([]);
    expect(result.postings).toHaveLength(1);
    expect(result.postings[0]).toMatchObject({
      externalId: '6ede6e6a-1b6a-4eae-828e-640af99ee809',
      requisitionId: '6ede6e6a-1b6a-4eae-828e-640af99ee809',
      title: 'Senior/Staff Backend Engineer',
      employer: 'Zonos',
      employmentType: 'FULL_TIME',
      locations: [{ city: null, region: null, postalCode: null, country: 'US' }],
      remoteRegions: ['US'],
      postedAt: '2026-05-04T00:00:00.000Z',
      url,
    });
    expect(result.postings[0]!.description).toMatch(/^<p>Zonos is the AI operating system/);
  });

  it('reads the recorded JSON-LD array, one posting per distinct URL', () => {
    const result = jsonLdSiteAdapter.parse(respond(page('http://127.0.0.1:4015/feed.json'), fixture('jsonld/zonos-jobposting-array.json')), config);
    expect(result.postings.map((p) => p.externalId)).toEqual([
      '/zonos/job-details/6ede6e6a-1b6a-4eae-828e-640af99ee809/overview',
      '/zonos/job-details/815a46a0-a70f-4842-8ffe-b4c6f8e07802/overview',
    ]);
    expect(result.postings[1]).toMatchObject({ postedAt: '2026-05-07T00:00:00.000Z', location: 'Remote', url: 'https://jobs.deel.com/zonos/job-details/815a46a0-a70f-4842-8ffe-b4c6f8e07802/overview' });
  });

  it('maps the full crosswalk from @graph and survives one broken script', () => {
    const posting = {
      '@type': 'JobPosting', title: 'Coding Specialist', datePosted: '2026-05-01', validThrough: '2026-06-01T00:00',
      employmentType: ['FULL_TIME', 'PART_TIME'], hiringOrganization: { '@type': 'Organization', name: 'Example Health' },
      jobLocationType: 'TELECOMMUTE', description: '<p>Code charts.</p>',
      applicantLocationRequirements: [{ '@type': 'State', name: 'Ohio' }, { '@type': 'State', name: 'Kentucky' }],
      jobLocation: [{ '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Columbus', addressRegion: 'OH', postalCode: '43215', addressCountry: 'US' } },
        { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Dayton', addressRegion: 'OH', addressCountry: { '@type': 'Country', name: 'US' } } }],
      baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 24, maxValue: 30, unitText: 'HOUR' } },
      educationRequirements: { '@type': 'EducationalOccupationalCredential', credentialCategory: 'associate degree' },
      experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 24 },
      experienceInPlaceOfEducation: true,
      identifier: { '@type': 'PropertyValue', name: 'Example Health', value: 'R-1234' },
    };
    const html = `<html><head>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},${JSON.stringify(posting)}]}</script>
      <script type="application/ld+json">{"@type": "JobPosting", "title": broken</script>
      </head><body></body></html>`;
    const result = jsonLdSiteAdapter.parse(respond(page('http://127.0.0.1:4015/careers/coding.html'), html), config);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.reason).toMatch(/^ld\+json script #2/);
    expect(result.postings[0]).toMatchObject({
      externalId: 'R-1234', requisitionId: 'R-1234', employer: 'Example Health',
      employmentType: 'FULL_TIME, PART_TIME', workplaceType: 'TELECOMMUTE', remoteRegions: ['Ohio', 'Kentucky'],
      locations: [{ city: 'Columbus', region: 'OH', postalCode: '43215', country: 'US' }, { city: 'Dayton', region: 'OH', postalCode: null, country: 'US' }],
      salary: { min: 24, max: 30, currency: 'USD', period: 'hour' },
      postedAt: '2026-05-01T00:00:00.000Z', closesAt: '2026-06-01T00:00:00.000Z',
      educationText: 'associate degree', experienceMonths: 24, experienceInPlaceOfEducation: true,
      url: 'http://127.0.0.1:4015/careers/coding.html',
    });
  });

  it('treats a page without JobPosting markup as no posting, and garbage as unparseable', () => {
    const none = jsonLdSiteAdapter.parse(respond(page('http://127.0.0.1:4015/careers/gone.html'), '<html><body>This job is closed</body></html>'), config);
    expect(none).toEqual({ postings: [], next: [], failures: [] });
    expect(() => jsonLdSiteAdapter.parse(respond(page('http://127.0.0.1:4015/x'), '\u0000\u0001garbage'), config)).toThrow(PermanentError);
    expect(() => jsonLdSiteAdapter.parse(respond(page('http://127.0.0.1:4015/x'), '{"@type": "JobPosting", '), config)).toThrow(/unparseable|not JSON/);
  });
});
