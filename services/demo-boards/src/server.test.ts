import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBoards, type DemoBoards } from './server.ts';

let boards: DemoBoards;
const get = (path: string, init?: RequestInit) => fetch(`${boards.url}${path}`, init);

beforeAll(async () => {
  boards = await startDemoBoards({ port: 0, seed: 77, count: 300, crawlDelay: 1, slowMs: 300 });
});
afterAll(async () => {
  await boards.close();
});

describe('JSON-LD career site', () => {
  it('serves robots.txt at the root with a sitemap, a disallow rule and a crawl delay', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`Sitemap: ${boards.url}/sitemap_index.xml`);
    expect(body).toMatch(/^Disallow: \/private\/$/m);
    expect(body).toMatch(/^Crawl-delay: 1$/m);
  });

  it('walks sitemap index -> urlsets with lastmod -> pages with JobPosting JSON-LD', async () => {
    const index = await (await get('/sitemap_index.xml')).text();
    expect(index).toContain('<sitemapindex');
    const sitemapUrls = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    expect(sitemapUrls.length).toBeGreaterThan(0);
    const urlset = await (await fetch(sitemapUrls[0] as string)).text();
    const entries = [...urlset.matchAll(/<url><loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod><\/url>/g)];
    expect(entries.length).toBeGreaterThan(5);
    expect(Number.isNaN(Date.parse(entries[0]?.[2] ?? ''))).toBe(false);
    const page = await (await fetch(entries[0]?.[1] as string)).text();
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1];
    const jsonLd = JSON.parse(script ?? 'null') as Record<string, unknown>;
    expect(jsonLd['@type']).toBe('JobPosting');
    expect((jsonLd['hiringOrganization'] as { name: string }).name).toBe('Mercy Valley Health');
  });

  it('marks remote jobs TELECOMMUTE with applicant location requirements, and lists one broken page', async () => {
    const truth = await (await get('/_truth')).json() as { postings: { id: string; boards: string[]; workMode: string }[]; malformed: { url: string }[] };
    const remote = truth.postings.find((p) => p.boards.includes('mercy-valley') && p.workMode === 'remote');
    expect(remote).toBeDefined();
    const page = await (await get(`/careers/jobs/${remote?.id}`)).text();
    expect(page).toContain('"jobLocationType":"TELECOMMUTE"');
    expect(page).toContain('applicantLocationRequirements');
    const broken = await (await fetch(truth.malformed[0]?.url as string)).text();
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(broken)?.[1] ?? '';
    expect(() => JSON.parse(script)).toThrow();
    expect((await get('/careers/jobs/nope')).status).toBe(404);
  });
});

describe('Greenhouse board', () => {
  it('lists jobs with HTML-escaped content only when content=true', async () => {
    const res = await get('/greenhouse/v1/boards/northstarcoding/jobs?content=true');
    expect(res.status).toBe(200);
    const body = await res.json() as { jobs: Record<string, unknown>[]; meta: { total: number } };
    expect(body.meta.total).toBe(body.jobs.length);
    expect(body.jobs.length).toBeGreaterThan(5);
    const content = body.jobs[0]?.['content'] as string;
    expect(content.startsWith('&lt;p&gt;')).toBe(true);
    expect(content).not.toContain('<p>');
    const plain = await (await get('/greenhouse/v1/boards/northstarcoding/jobs')).json() as { jobs: Record<string, unknown>[] };
    expect(plain.jobs[0]?.['content']).toBeUndefined();
    const detail = await get(`/greenhouse/v1/boards/northstarcoding/jobs/${String(body.jobs[0]?.['id'])}`);
    expect(detail.status).toBe(200);
  });

  it('answers 404 for an unknown board token', async () => {
    expect((await get('/greenhouse/v1/boards/nobody/jobs')).status).toBe(404);
  });
});

describe('quirks', () => {
  it('rate-limits the first request with 429 and Retry-After, then answers 200', async () => {
    const path = '/quirks/rate-limited/greenhouse/v1/boards/brightpathhealth/jobs';
    const first = await get(path);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    const second = await get(path);
    expect(second.status).toBe(200);
    expect(((await second.json()) as { jobs: unknown[] }).jobs.length).toBeGreaterThan(0);
  });

  it('delays slow answers and serves garbage under a JSON content type', async () => {
    const started = Date.now();
    const slow = await get('/quirks/slow/greenhouse/v1/boards/brightpathhealth/jobs');
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const garbage = await get('/quirks/garbage/greenhouse/v1/boards/brightpathhealth/jobs');
    expect(garbage.headers.get('content-type')).toContain('application/json');
    await expect(garbage.json()).rejects.toThrow();
  });
});

describe('generations', () => {
  it('drops jobs (404, gone from lists) and changes others after setGeneration(1)', async () => {
    type Ref = { kind: string; url: string };
    const before = await (await get('/_truth')).json() as { postings: { id: string; refs: Ref[] }[] };
    boards.setGeneration(1);
    const after = await (await get('/_truth')).json() as { generation: number; dropped: string[]; changed: string[]; postings: { id: string }[] };
    expect(after.generation).toBe(1);
    expect(after.dropped.length).toBeGreaterThan(0);
    expect(after.changed.length).toBeGreaterThan(0);
    const detailKinds = new Set(['jsonld-site', 'greenhouse', 'lever', 'smartrecruiters', 'workday', 'icims']);
    let checked = 0;
    for (const gone of before.postings.filter((p) => after.dropped.includes(p.id))) {
      expect(after.postings.some((p) => p.id === gone.id)).toBe(false);
      for (const ref of gone.refs.filter((r) => detailKinds.has(r.kind))) {
        expect((await fetch(ref.url)).status, ref.url).toBe(404);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    const list = await (await get('/greenhouse/v1/boards/northstarcoding/jobs')).json() as { jobs: { id: number }[] };
    const goneGh = before.postings.filter((p) => after.dropped.includes(p.id)).flatMap((p) => p.refs).filter((r) => r.kind === 'greenhouse');
    for (const ref of goneGh) expect(list.jobs.some((j) => ref.url.endsWith(`/${j.id}`))).toBe(false);
    boards.setGeneration(0);
    const back = await (await get('/_truth')).json() as { dropped: string[] };
    expect(back.dropped).toEqual([]);
  });

  it('lists every board with a source config and counts requests', async () => {
    const res = await (await get('/_boards')).json() as { boards: { kind: string; config: Record<string, unknown> }[]; quirks: unknown[] };
    expect(new Set(res.boards.map((b) => b.kind))).toEqual(new Set(['jsonld-site', 'greenhouse', 'lever', 'ashby', 'smartrecruiters', 'workday', 'icims', 'usajobs', 'rss', 'indeed-xml']));
    expect(res.boards.every((b) => Object.keys(b.config).length > 0)).toBe(true);
    expect(res.quirks).toHaveLength(4);
    expect(boards.stats.requests).toBeGreaterThan(10);
    expect(boards.stats.byStatus['429']).toBeGreaterThanOrEqual(1);
  });
});
