import type { SamplePosting } from '@himatch/samples';
import { boardBySlug, boardPostings } from '../catalog.ts';
import { json, route, xml, type Ctx, type Route } from '../http.ts';
import { numericId } from '../ids.ts';
import { cdata, escXml, stripTags } from './common.ts';

// RSS 2.0, Atom and Indeed-publisher XML feeds. Feed links point at /feeds/jobs/{id},
// a page with JSON-LD, as real feeds point at the employer's job page.

const rfc822 = (iso: string): string => new Date(iso).toUTCString().replace('GMT', '+0000');
const pageUrl = (ctx: Ctx, p: SamplePosting): string => `${ctx.base}/feeds/jobs/${encodeURIComponent(p.id)}`;
const teaser = (p: SamplePosting): string => stripTags(p.descriptionHtml).split('\n').slice(1, 3).join(' ').slice(0, 180);

function rss(ctx: Ctx) {
  const board = boardBySlug(ctx.catalog, 'rss', ctx.params[0] ?? '');
  if (!board || board.variant !== 'rss') return json(404, { error: 'feed not found' });
  const items = boardPostings(ctx.catalog, board.key).map((p) => [
    '<item>',
    `<title>${escXml(`${p.title} - ${p.employer} - ${p.city}, ${p.region}`)}</title>`,
    `<link>${pageUrl(ctx, p)}</link>`,
    `<guid isPermaLink="false">${escXml(p.id)}</guid>`,
    `<pubDate>${rfc822(p.postedAt)}</pubDate>`,
    `<category>${escXml(p.department)}</category>`,
    `<description>${cdata(`<p>${teaser(p)}</p>`)}</description>`,
    '</item>',
  ].join(''));
  return xml([
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${escXml(board.name)}</title><link>${ctx.base}/feeds/rss/${board.slug}.xml</link>`,
    '<description>Health information jobs</description><language>en-us</language>',
    `<lastBuildDate>${rfc822(ctx.catalog.options.now)}</lastBuildDate>`,
    ...items,
    '</channel></rss>',
  ].join('\n'), 'application/rss+xml; charset=utf-8');
}

function atom(ctx: Ctx) {
  const board = boardBySlug(ctx.catalog, 'rss', ctx.params[0] ?? '');
  if (!board || board.variant !== 'atom') return json(404, { error: 'feed not found' });
  const entries = boardPostings(ctx.catalog, board.key).map((p) => [
    '<entry>',
    `<id>urn:harborpoint:job:${escXml(p.id)}</id>`,
    `<title type="text">${escXml(p.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${pageUrl(ctx, p)}"/>`,
    `<published>${p.postedAt}</published><updated>${p.updatedAt}</updated>`,
    `<author><name>${escXml(p.employer)}</name></author>`,
    `<category term="${escXml(p.department)}"/>`,
    `<content type="html">${escXml(p.descriptionHtml)}</content>`,
    '</entry>',
  ].join(''));
  return xml([
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>${escXml(board.name)}</title><id>urn:harborpoint:jobs</id>`,
    `<link rel="self" href="${ctx.base}/feeds/atom/${board.slug}.atom"/><updated>${ctx.catalog.options.now}</updated>`,
    ...entries,
    '</feed>',
  ].join('\n'), 'application/atom+xml; charset=utf-8');
}

const JOBTYPE: Record<SamplePosting['employmentType'], string> = {
  full_time: 'fulltime', part_time: 'parttime', per_diem: 'perdiem', contract: 'contract', temporary: 'temporary',
};

export const indeedReference = (p: SamplePosting): string => `${numericId(p.id, 9).slice(0, 10)}-${p.postalCode}`;

function salaryText(p: SamplePosting): string {
  const s = p.salary;
  if (!s) return '';
  const unit = s.period === 'hour' ? 'per hour' : 'per year';
  const fmt = (n: number): string => (s.period === 'hour' ? `$${n.toFixed(2)}` : `$${n.toLocaleString('en-US')}`);
  return s.min === null ? `Up to ${fmt(s.max)} ${unit}` : `${fmt(s.min)} - ${fmt(s.max)} ${unit}`;
}

function indeedJob(ctx: Ctx, p: SamplePosting): string {
  const field = (name: string, value: string): string => `<${name}>${cdata(value)}</${name}>`;
  return [
    '<job>',
    field('title', p.title), field('date', p.postedAt), field('referencenumber', indeedReference(p)), field('requisitionid', p.requisitionId),
    field('url', pageUrl(ctx, p)), field('company', p.employer), field('city', p.city), field('state', p.region), field('country', 'US'),
    field('postalcode', p.postalCode), field('description', p.descriptionHtml), field('salary', salaryText(p)),
    field('jobtype', JOBTYPE[p.employmentType]), field('category', p.department),
    ...(p.closesAt ? [field('expirationdate', p.closesAt.slice(0, 10))] : []),
    ...(p.workMode === 'remote' ? [field('remotetype', 'Fully remote')] : p.workMode === 'hybrid' ? [field('remotetype', 'Hybrid remote')] : []),
    '</job>',
  ].join('');
}

function indeed(ctx: Ctx) {
  const board = boardBySlug(ctx.catalog, 'indeed-xml', ctx.params[0] ?? '');
  if (!board) return json(404, { error: 'feed not found' });
  return xml([
    '<?xml version="1.0" encoding="utf-8"?>',
    '<source>',
    `<publisher>${escXml(board.name)}</publisher><publisherurl>${ctx.base}/feeds/indeed/${board.slug}.xml</publisherurl>`,
    `<lastBuildDate>${rfc822(ctx.catalog.options.now)}</lastBuildDate>`,
    ...boardPostings(ctx.catalog, board.key).map((p) => indeedJob(ctx, p)),
    '</source>',
  ].join('\n'));
}

export const feedRoutes: readonly Route[] = [
  route('GET', /^\/feeds\/rss\/([^/]+)\.xml$/, rss),
  route('GET', /^\/feeds\/atom\/([^/]+)\.atom$/, atom),
  route('GET', /^\/feeds\/indeed\/([^/]+)\.xml$/, indeed),
];
