import type { SamplePosting } from '@himatch/samples';
import { boardBySlug, boardPostings } from '../catalog.ts';
import { json, route, type Ctx, type Route } from '../http.ts';
import { slugify, uuidOf } from '../ids.ts';

// Workday CXS: POST .../jobs pages of at most 20, `total` only on the first page, prose
// postedOn; GET .../job/... for the detail.

export const WORKDAY_SITE = 'Riverbend_Careers';
const PAGE_MAX = 20;
const DAY_MS = 86_400_000;
const TIME_TYPE: Record<SamplePosting['employmentType'], string> = {
  full_time: 'Full time', part_time: 'Part time', per_diem: 'Part time', contract: 'Full time', temporary: 'Full time',
};
const REMOTE_TYPE = { onsite: 'On-site', hybrid: 'Hybrid', remote: 'Remote' } as const;

export function workdayPath(p: SamplePosting): string {
  const place = p.workMode === 'remote' ? 'Remote-USA' : `${slugify(p.city)}-${p.region}`;
  return `/job/${place}/${slugify(p.title)}_${p.requisitionId}`;
}

function postedOn(p: SamplePosting, now: number): string {
  const days = Math.floor((now - Date.parse(p.postedAt)) / DAY_MS);
  if (days <= 0) return 'Posted Today';
  if (days === 1) return 'Posted Yesterday';
  return days >= 30 ? 'Posted 30+ Days Ago' : `Posted ${days} Days Ago`;
}

function locationsText(p: SamplePosting): string {
  return p.workMode === 'remote' ? 'Remote - USA' : `${p.city}, ${p.region}`;
}

function siteFor(ctx: Ctx) {
  const board = boardBySlug(ctx.catalog, 'workday', ctx.params[0] ?? '');
  return board && ctx.params[1] === WORKDAY_SITE ? board : undefined;
}

function parseBody(body: string): { limit: number; offset: number; searchText: string } | null {
  try {
    const parsed = JSON.parse(body || '{}') as { limit?: unknown; offset?: unknown; searchText?: unknown };
    const limit = typeof parsed.limit === 'number' ? parsed.limit : PAGE_MAX;
    const offset = typeof parsed.offset === 'number' ? parsed.offset : 0;
    return { limit, offset, searchText: typeof parsed.searchText === 'string' ? parsed.searchText : '' };
  } catch {
    return null;
  }
}

function listJobs(ctx: Ctx) {
  const board = siteFor(ctx);
  if (!board) return json(404, { errorCode: 'HTTP_404', message: 'Not Found' });
  const query = parseBody(ctx.body);
  if (!query || query.limit < 1 || query.limit > PAGE_MAX || query.offset < 0) return json(400, { errorCode: 'HTTP_400', message: 'Bad Request' });
  const needle = query.searchText.toLowerCase();
  const all = boardPostings(ctx.catalog, board.key).filter((p) => needle === '' || p.title.toLowerCase().includes(needle));
  const jobPostings = all.slice(query.offset, query.offset + query.limit).map((p) => ({
    title: p.title, externalPath: workdayPath(p), locationsText: locationsText(p), postedOn: postedOn(p, ctx.catalog.now), bulletFields: [p.requisitionId],
  }));
  if (query.offset > 0) return json(200, { jobPostings });
  const counts = new Map<string, number>();
  for (const p of all) counts.set(locationsText(p), (counts.get(locationsText(p)) ?? 0) + 1);
  const facets = [{ facetParameter: 'locations', descriptor: 'Locations', values: [...counts].map(([descriptor, count]) => ({ descriptor, id: uuidOf(descriptor).replace(/-/g, ''), count })) }];
  return json(200, { total: all.length, jobPostings, facets });
}

function jobDetail(ctx: Ctx) {
  const board = siteFor(ctx);
  const path = `/job/${ctx.params[2] ?? ''}`;
  const p = board ? boardPostings(ctx.catalog, board.key).find((q) => workdayPath(q) === path) : undefined;
  if (!board || !p) return json(404, { errorCode: 'HTTP_404', message: 'The job posting you are looking for is no longer available.' });
  return json(200, {
    jobPostingInfo: {
      id: uuidOf(p.id).replace(/-/g, ''), title: p.title, jobDescription: p.descriptionHtml,
      location: locationsText(p), postedOn: postedOn(p, ctx.catalog.now), startDate: p.postedAt.slice(0, 10),
      ...(p.closesAt ? { endDate: p.closesAt.slice(0, 10) } : {}),
      timeType: TIME_TYPE[p.employmentType], jobReqId: p.requisitionId, jobPostingId: `${slugify(p.title)}_${p.requisitionId}`,
      jobPostingSiteId: WORKDAY_SITE, country: { descriptor: 'United States of America', id: 'bc33aa3152ec42d4995f4791a106ed09' },
      canApply: true, posted: true,
      jobRequisitionLocation: { descriptor: locationsText(p), country: { descriptor: 'United States of America', alpha2Code: 'US' } },
      remoteType: REMOTE_TYPE[p.workMode],
      externalUrl: `${ctx.base}/workday/${board.slug}/${WORKDAY_SITE}${workdayPath(p)}`,
    },
    hiringOrganization: { name: p.employer, url: '' },
    similarJobs: [],
    userAuthenticated: false,
  });
}

export const workdayRoutes: readonly Route[] = [
  route('POST', /^\/workday\/wday\/cxs\/([^/]+)\/([^/]+)\/jobs$/, listJobs),
  route('GET', /^\/workday\/wday\/cxs\/([^/]+)\/([^/]+)\/job\/(.+)$/, jobDetail),
];
