import type { SamplePosting } from '@himatch/samples';
import { boardBySlug, boardPostings } from '../catalog.ts';
import { json, route, type Ctx, type Route } from '../http.ts';
import { numericId } from '../ids.ts';
import { escXml, locationText } from './common.ts';

// Greenhouse Job Board API: /greenhouse/v1/boards/{token}/jobs[?content=true] and /jobs/{id}.

const EMPLOYMENT_LABEL: Record<SamplePosting['employmentType'], string> = {
  full_time: 'Full-time', part_time: 'Part-time', per_diem: 'Per Diem', contract: 'Contract', temporary: 'Temporary',
};

const TZ_OFFSET = '-05:00';
const localTime = (iso: string): string => `${new Date(Date.parse(iso) - 5 * 3_600_000).toISOString().slice(0, 19)}${TZ_OFFSET}`;

export function greenhouseId(p: SamplePosting): number {
  return Number(numericId(p.id, 7));
}

function job(p: SamplePosting, ctx: Ctx, token: string, withContent: boolean): Record<string, unknown> {
  const id = greenhouseId(p);
  return {
    absolute_url: `${ctx.base}/greenhouse/boards/${token}/jobs/${id}`,
    internal_job_id: id - 1_000_000,
    location: { name: locationText(p) },
    metadata: [{ id: 4_100_001, name: 'Employment Type', value: EMPLOYMENT_LABEL[p.employmentType], value_type: 'single_select' }],
    id,
    updated_at: localTime(p.updatedAt),
    requisition_id: p.requisitionId,
    title: p.title,
    company_name: p.employer,
    first_published: localTime(p.postedAt),
    language: 'en',
    application_deadline: p.closesAt ? p.closesAt.slice(0, 10) : null,
    ...(withContent ? {
      content: escXml(p.descriptionHtml),
      departments: [{ id: 4_200_000 + p.department.length, name: p.department, child_ids: [], parent_id: null }],
      offices: [{ id: 4_300_000 + p.city.length, name: p.workMode === 'remote' ? 'Remote' : p.city, location: `${p.city}, ${p.region}`, child_ids: [], parent_id: null }],
    } : {}),
  };
}

function boardFor(ctx: Ctx) {
  return boardBySlug(ctx.catalog, 'greenhouse', ctx.params[0] ?? '');
}

const NOT_FOUND = { status: 404, error: 'Job not found' };

export const greenhouseRoutes: readonly Route[] = [
  route('GET', /^\/greenhouse\/v1\/boards\/([^/]+)\/jobs\/?$/, (ctx) => {
    const board = boardFor(ctx);
    if (!board) return json(404, NOT_FOUND);
    const withContent = ctx.url.searchParams.get('content') === 'true';
    const jobs = boardPostings(ctx.catalog, board.key).map((p) => job(p, ctx, board.slug, withContent));
    return json(200, { jobs, meta: { total: jobs.length } });
  }),
  route('GET', /^\/greenhouse\/v1\/boards\/([^/]+)\/jobs\/(\d+)$/, (ctx) => {
    const board = boardFor(ctx);
    const posting = board ? boardPostings(ctx.catalog, board.key).find((p) => String(greenhouseId(p)) === ctx.params[1]) : undefined;
    return board && posting ? json(200, job(posting, ctx, board.slug, true)) : json(404, NOT_FOUND);
  }),
];
