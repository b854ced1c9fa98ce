import { describe, expect, it } from 'vitest';
import { SOURCE_KINDS, ValidationError } from '@himatch/core';
import { detectFormat, getAdapter, parseDocument, parseSourceConfig, type DocumentFormat } from './index.ts';
import { fixture } from './test-helpers.ts';

const FIXTURES: [string, DocumentFormat, number][] = [
  ['ashby/openevidence-board.json', 'ashby', 2],
  ['atom/paycor-almac-feed.atom', 'atom', 3],
  ['greenhouse/camus-energy-board-content.json', 'greenhouse', 3],
  ['icims/fujifilm-located-jsonld-frame.html', 'icims', 1],
  ['indeed-xml/zonos-deel-feed.xml', 'indeed-xml', 2],
  ['jsonld/zonos-jobposting-array.json', 'jsonld', 2],
  ['jsonld/zonos-senior-backend-engineer.html', 'jsonld', 1],
  ['lever/palantir-postings.json', 'lever', 2],
  ['rss/zonos-jobs.rss', 'rss', 2],
  ['smartrecruiters/vitol-detail.json', 'smartrecruiters', 1],
  ['usajobs/search-2026-irs-navy-slim.json', 'usajobs', 2],
  ['workday/merck-detail.json', 'workday', 1],
];

describe('registry', () => {
  it('has an adapter for every source kind', () => {
    for (const kind of SOURCE_KINDS) expect(getAdapter(kind).kind).toBe(kind);
  });

  it('validates configs and names the bad field', () => {
    expect(parseSourceConfig('greenhouse', { boardToken: 'acme' })).toEqual({ baseUrl: 'https://boards-api.greenhouse.io', boardToken: 'acme' });
    expect(() => parseSourceConfig('greenhouse', {})).toThrow(ValidationError);
    try {
      parseSourceConfig('usajobs', { apiKey: 'k', userAgentEmail: 'ops@example.org', series: ['675'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('config.series.0');
    }
    expect(() => parseSourceConfig('jsonld-site', { baseUrl: 'http://x.test', jobPathPattern: '(' })).toThrow(/config.jobPathPattern/);
  });
});

describe('parseDocument and detectFormat on every recorded response', () => {
  it.each(FIXTURES)('%s is %s with %i postings', (path, format, count) => {
    const body = fixture(path);
    expect(detectFormat(body)).toBe(format);
    const result = parseDocument(format, body);
    expect(result.postings).toHaveLength(count);
    expect(result.next).toEqual([]);
    expect(result.failures).toEqual([]);
  });

  it('detects list pages and says null when unsure', () => {
    expect(detectFormat(fixture('workday/pjm-list-page.json'))).toBe('workday');
    expect(detectFormat(fixture('smartrecruiters/guidehealth-list.json'))).toBe('smartrecruiters');
    expect(detectFormat(fixture('usajobs/search-2022-dcsa-nnsa-data-science.json'))).toBe('usajobs');
    expect(detectFormat('plain text résumé')).toBeNull();
    expect(detectFormat('{"hello": "world"}')).toBeNull();
  });

  it('uses the given URL as the page of a saved JSON-LD page', () => {
    const url = 'https://careers.example.org/jobs/7';
    const result = parseDocument('jsonld', '<script type="application/ld+json">{"@type":"JobPosting","title":"HIM Clerk"}</script>', url);
    expect(result.postings[0]).toMatchObject({ externalId: '/jobs/7', url });
  });
});
