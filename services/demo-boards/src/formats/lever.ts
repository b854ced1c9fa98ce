import type { SamplePosting } from '@himatch/samples';
import { boardBySlug, boardPostings } from '../catalog.ts';
import { intParam, json, route, type Ctx, type Route } from '../http.ts';
import { uuidOf } from '../ids.ts';
import { locationText, stripTags } from './common.ts';

// Lever Postings API: /lever/v0/postings/{site}?mode=json&skip&limit (bare array) and /{id}.

const COMMITMENT: Record<SamplePosting['employmentType'], string> = {
  full_time: 'Full-time', part_time: 'Part-time', per_diem: 'Per Diem', contract: 'Contract', temporary: 'Temporary',
};
const WORKPLACE = { onsite: 'on-site', hybrid: 'hybrid', remote: 'remote' } as const;

/** Lever splits a posting into an opening, lists (one per heading) and the rest. */
function split(htmlText: string): { opening: string; lists: { text: string; content: string }[]; rest: string } {
  const [opening = '', ...sections] = htmlText.split('<h3>');
  const lists: { text: string; content: string }[] = [];
  const rest: string[] = [];
  for (const section of sections) {
    const m = /^([^<]*)<\/h3>\s*<ul>([\s\S]*?)<\/ul>([\s\S]*)$/.exec(section);
    if (m) {
      lists.push({ text: m[1] ?? '', content: m[2] ?? '' });
      rest.push(m[3] ?? '');
    } else {
      rest.push(`<h3>${section}`);
    }
  }
  return { opening, lists, rest: rest.join('') };
}

export const leverId = (p: SamplePosting): string => uuidOf(p.id);

function posting(p: SamplePosting, ctx: Ctx, site: string): Record<string, unknown> {
  const id = leverId(p);
  const { opening, lists, rest } = split(p.descriptionHtml);
  const salary = p.salary && p.salary.min !== null
    ? { salaryRange: { currency: p.salary.currency, interval: p.salary.period === 'hour' ? 'per-hour-wage' : 'per-year-salary', min: p.salary.min, max: p.salary.max } }
    : {};
  return {
    id,
    text: p.title,
    categories: { location: locationText(p), commitment: COMMITMENT[p.employmentType], team: p.department, department: p.department, allLocations: [locationText(p)] },
    country: 'US',
    createdAt: Date.parse(p.postedAt),
    updatedAt: Date.parse(p.updatedAt),
    opening, openingPlain: stripTags(opening),
    description: `${opening}${rest}`, descriptionPlain: stripTags(`${opening}${rest}`),
    descriptionBody: rest, descriptionBodyPlain: stripTags(rest),
    lists,
    additional: '', additionalPlain: '',
    hostedUrl: `${ctx.base}/lever/jobs/${site}/${id}`,
    applyUrl: `${ctx.base}/apply/${encodeURIComponent(p.id)}`,
    workplaceType: WORKPLACE[p.workMode],
    ...salary,
  };
}

const NOT_FOUND = { ok: false, error: 'Document not found' };

export const leverRoutes: readonly Route[] = [
  route('GET', /^\/lever\/v0\/postings\/([^/]+)\/?$/, (ctx) => {
    const board = boardBySlug(ctx.catalog, 'lever', ctx.params[0] ?? '');
    if (!board) return json(404, NOT_FOUND);
    const skip = intParam(ctx.url, 'skip', 0);
    const limit = intParam(ctx.url, 'limit', 0);
    const all = boardPostings(ctx.catalog, board.key);
    const page = limit > 0 ? all.slice(skip, skip + limit) : all.slice(skip);
    return json(200, page.map((p) => posting(p, ctx, board.slug)));
  }),
  route('GET', /^\/lever\/v0\/postings\/([^/]+)\/([^/]+)$/, (ctx) => {
    const board = boardBySlug(ctx.catalog, 'lever', ctx.params[0] ?? '');
    const found = board ? boardPostings(ctx.catalog, board.key).find((p) => leverId(p) === ctx.params[1]) : undefined;
    return board && found ? json(200, posting(found, ctx, board.slug)) : json(404, NOT_FOUND);
  }),
];
