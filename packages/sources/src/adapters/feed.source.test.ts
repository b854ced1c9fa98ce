import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { feedAdapter } from './feed.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = feedAdapter.configSchema.parse({ feedUrl: 'http://127.0.0.1:4017/jobs.rss' });
const [start] = feedAdapter.start(config);
const GUID = 'https://jobs.deel.com/zonos/job-details/6ede6e6a-1b6a-4eae-828e-640af99ee809/overview';

describe('rss adapter', () => {
  it('asks for the page of each thin item once, carrying the item', () => {
    const result = feedAdapter.parse(respond(start!, fixture('rss/zonos-jobs.rss')), config);
    expect(result.postings).toEqual([]);
    // Never skipped when known: an RSS item has no update time, only its page tells a change.
    expect(result.next.map((r) => [r.url, r.externalId, r.role, r.meta.skipIfKnown])).toEqual([
      [GUID, GUID, 'detail', undefined],
      ['https://jobs.deel.com/zonos/job-details/815a46a0-a70f-4842-8ffe-b4c6f8e07802/overview', 'https://jobs.deel.com/zonos/job-details/815a46a0-a70f-4842-8ffe-b4c6f8e07802/overview', 'detail', undefined],
    ]);
    expect(result.next[0]!.meta.feedItem).toMatchObject({ postedAt: '2026-05-07T06:56:30.000Z' });
  });

  it('keeps feed items as they are when their description is long enough', () => {
    const rich = feedAdapter.configSchema.parse({ feedUrl: 'http://127.0.0.1:4017/jobs.rss', minDescriptionChars: 10 });
    const result = feedAdapter.parse(respond(start!, fixture('rss/zonos-jobs.rss')), rich);
    expect(result.next).toEqual([]);
    expect(result.postings.map((p) => p.externalId)).toEqual([GUID, 'https://jobs.deel.com/zonos/job-details/815a46a0-a70f-4842-8ffe-b4c6f8e07802/overview']);
    expect(result.postings[1]).toMatchObject({ title: 'Corporate Broker (Licensed Customs Broker)St.George UTFull-time', postedAt: '2026-05-07T06:56:30.000Z', url: 'https://jobs.deel.com/zonos/job-details/815a46a0-a70f-4842-8ffe-b4c6f8e07802/overview' });
  });

  it('merges the item page JSON-LD over the feed item under the feed id', () => {
    const [detail] = feedAdapter.parse(respond(start!, fixture('rss/zonos-jobs.rss')), config).next;
    const result = feedAdapter.parse(respond(detail!, fixture('jsonld/zonos-senior-backend-engineer.html')), config);
    expect(result.postings).toHaveLength(1);
    expect(result.postings[0]).toMatchObject({ externalId: GUID, title: 'Senior/Staff Backend Engineer', employer: 'Zonos', postedAt: '2026-05-04T00:00:00.000Z', requisitionId: '6ede6e6a-1b6a-4eae-828e-640af99ee809' });
    const bare = feedAdapter.parse(respond(detail!, '<html><body>Apply on our site</body></html>'), config);
    expect(bare.postings[0]).toMatchObject({ externalId: GUID, title: 'Senior/Staff Backend EngineerSt.George UTFull-time$130,000 USD - $200,000 USD' });
  });

  it('fails an item without title alone and rejects a non-feed', () => {
    const rss = `<rss version="2.0"><channel><item><guid>a1</guid><title>HIM Clerk</title><description>${'x'.repeat(250)}</description></item><item><guid>a2</guid></item></channel></rss>`;
    const result = feedAdapter.parse(respond(start!, rss), config);
    expect(result.postings.map((p) => p.externalId)).toEqual(['a1']);
    expect(result.failures).toEqual([expect.objectContaining({ externalId: 'a2', reason: 'missing title' })]);
    expect(() => feedAdapter.parse(respond(start!, '<html><body>hi</body></html>'), config)).toThrow(PermanentError);
    expect(() => feedAdapter.parse(respond(start!, 'not xml at all'), config)).toThrow(PermanentError);
  });
});

describe('atom adapter', () => {
  it('reads the recorded Paycor feed with its namespaced job fields', () => {
    const rich = feedAdapter.configSchema.parse({ feedUrl: 'http://127.0.0.1:4017/feed.atom', fetchDetailPages: false });
    const result = feedAdapter.parse(respond(start!, fixture('atom/paycor-almac-feed.atom')), rich);
    expect(result.postings).toHaveLength(3);
    expect(result.postings[0]).toMatchObject({
      externalId: '8a78859e9fd3bb25019ff70b32f23026',
      title: 'Production Technician',
      description: '<p>Almac Group is seeking a Production Technician.</p>',
      salaryText: '$25 - $30 per hour',
      locations: [{ city: 'Souderton', region: 'PA', postalCode: '18964', country: 'United States' }],
      url: 'https://www.almacgroup.com/careers/us-careers/apply/?gnk=job&gni=8a78859e9fd3bb25019ff70b32f23026',
      postedAt: '2026-08-17T15:08:43.000Z',
      department: 'Clinical Services, Manufacturing / Operations',
    });
    expect(result.postings[1]!.salaryText).toBeNull();
    expect(result.postings[2]!.salaryText).toBe('$28.60 - $29.85 per hour');
  });
});
