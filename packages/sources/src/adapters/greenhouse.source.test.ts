import { describe, expect, it } from 'vitest';
import { PermanentError } from '@himatch/core';
import { greenhouseAdapter } from './greenhouse.source.ts';
import { fixture, respond } from '../test-helpers.ts';

const config = greenhouseAdapter.configSchema.parse({ baseUrl: 'http://127.0.0.1:4010', boardToken: 'camus' });
const [start] = greenhouseAdapter.start(config);

describe('greenhouse adapter', () => {
  it('starts with the board list with content', () => {
    expect(start).toMatchObject({ url: 'http://127.0.0.1:4010/v1/boards/camus/jobs?content=true', role: 'list', method: 'GET' });
    expect(greenhouseAdapter.start(greenhouseAdapter.configSchema.parse({ boardToken: 'x' }))[0]?.url)
      .toBe('https://boards-api.greenhouse.io/v1/boards/x/jobs?content=true');
  });

  it('reads the recorded Camus Energy board', () => {
    const result = greenhouseAdapter.parse(respond(start!, fixture('greenhouse/camus-energy-board-content.json')), config);
    expect(result.failures).toEqual([]);
    expect(result.next).toEqual([]);
    expect(result.postings.map((p) => p.externalId)).toEqual(['5990198004', '5990203004', '5989919004']);
    const first = result.postings[0]!;
    expect(first).toMatchObject({
      requisitionId: '44',
      title: 'Infrastructure Software Engineer',
      employer: 'Camus Energy',
      location: 'Remote',
      department: 'Engineering',
      url: 'https://www.camus.energy/careers/job-openings?gh_jid=5990198004',
      postedAt: '2026-05-08T23:16:36.000Z',
      closesAt: null,
    });
    expect(first.description.startsWith('<h3><strong>Overview Camus</strong></h3>')).toBe(true);
    expect(first.description).not.toContain('&lt;');
  });

  it('trims titles and keeps the remote location of the SmarterDx board', () => {
    const result = greenhouseAdapter.parse(respond(start!, fixture('greenhouse/smarterdx-board-content.json')), config);
    expect(result.postings[1]).toMatchObject({ externalId: '5099964007', title: 'Clinical Coding Specialist', requisitionId: '280', location: 'Remote (United States)', postedAt: '2026-04-06T13:38:12.000Z' });
  });

  it('fails one malformed job alone, reads metadata and deadlines', () => {
    const body = JSON.stringify({
      jobs: [
        { id: 1, title: 'HIM Coder II', content: '&lt;p&gt;Code &amp;amp; abstract&lt;/p&gt;', application_deadline: '2026-06-01T00:00:00-04:00',
          metadata: [{ name: 'Employment Type', value: 'Full-time' }, { name: 'Salary Range', value: '$24 - $30/hr' }], location: { name: 'Dallas, TX' } },
        { id: 2, content: 'no title' },
      ],
      meta: { total: 2 },
    });
    const result = greenhouseAdapter.parse(respond(start!, body), config);
    expect(result.postings).toHaveLength(1);
    expect(result.postings[0]).toMatchObject({ description: '<p>Code &amp; abstract</p>', employmentType: 'Full-time', salaryText: '$24 - $30/hr', closesAt: '2026-06-01T04:00:00.000Z' });
    expect(result.failures).toEqual([{ url: start!.url, externalId: '2', reason: 'missing title' }]);
  });

  it('throws unparseable on a garbage body', () => {
    expect(() => greenhouseAdapter.parse(respond(start!, '<html>maintenance</html>'), config)).toThrow(PermanentError);
    expect(() => greenhouseAdapter.parse(respond(start!, '{"error":"nope"}'), config)).toThrow(/no jobs array/);
  });
});
