import type { SamplePosting } from '@himatch/samples';
import { boardBySlug, boardPostings } from '../catalog.ts';
import { intParam, json, route, type Ctx, type Route } from '../http.ts';
import { numericId, slugify, uuidOf } from '../ids.ts';

// SmartRecruiters Posting API: paged list without descriptions + one detail per posting.

const EMPLOYMENT: Record<SamplePosting['employmentType'], { id: string; label: string }> = {
  full_time: { id: 'permanent', label: 'Full-time' }, part_time: { id: 'part_time', label: 'Part-time' },
  per_diem: { id: 'other', label: 'Per Diem' }, contract: { id: 'contract', label: 'Contract' }, temporary: { id: 'temporary', label: 'Temporary' },
};

function experienceLevel(p: SamplePosting): { id: string; label: string } {
  const role = p.truth.role;
  if (role === 'him_director') return { id: 'director', label: 'Director' };
  if (role === 'him_manager') return { id: 'mid_senior_level', label: 'Mid-Senior Level' };
  if (role === 'him_clerk') return { id: 'entry_level', label: 'Entry Level' };
  return { id: 'associate', label: 'Associate' };
}

export const smartRecruitersId = (p: SamplePosting): string => numericId(p.id, 37);

function summary(p: SamplePosting, company: string, ctx: Ctx): Record<string, unknown> {
  const id = smartRecruitersId(p);
  return {
    id, name: p.title, uuid: uuidOf(p.id), refNumber: p.requisitionId,
    company: { identifier: company, name: p.employer },
    releasedDate: p.postedAt,
    location: {
      city: p.city, region: p.region, country: 'us', remote: p.workMode === 'remote', hybrid: p.workMode === 'hybrid',
      latitude: String(p.lat), longitude: String(p.lon), fullLocation: `${p.city}, ${p.region}, United States`,
    },
    industry: { id: 'hospital_and_health_care', label: 'Hospital And Health Care' },
    department: { label: p.department },
    typeOfEmployment: EMPLOYMENT[p.employmentType],
    experienceLevel: experienceLevel(p),
    ref: `${ctx.base}/smartrecruiters/v1/companies/${company}/postings/${id}`,
  };
}

/** Splits our HTML into SmartRecruiters' jobAd sections at the requirements heading. */
function sections(p: SamplePosting): Record<string, { title: string; text: string }> {
  const [companyDescription = '', ...rest] = p.descriptionHtml.split('\n');
  const body = rest.join('\n');
  const at = body.search(/<h3>(Requirements|Required Qualifications|What you need)/);
  const jobDescription = at >= 0 ? body.slice(0, at) : body;
  const qualifications = at >= 0 ? body.slice(at) : '';
  return {
    companyDescription: { title: 'Company Description', text: companyDescription },
    jobDescription: { title: 'Job Description', text: jobDescription },
    qualifications: { title: 'Qualifications', text: qualifications },
    additionalInformation: { title: 'Additional Information', text: '<p>We are an equal opportunity employer.</p>' },
  };
}

function detail(p: SamplePosting, company: string, ctx: Ctx): Record<string, unknown> {
  const id = smartRecruitersId(p);
  return {
    ...summary(p, company, ctx),
    postingUrl: `${ctx.base}/smartrecruiters/jobs/${company}/${id}-${slugify(p.title).toLowerCase()}`,
    applyUrl: `${ctx.base}/apply/${encodeURIComponent(p.id)}`,
    active: true,
    jobAd: { sections: sections(p) },
  };
}

const NOT_FOUND = { code: 'NOT_FOUND', message: 'Company or posting not found' };

export const smartRecruitersRoutes: readonly Route[] = [
  route('GET', /^\/smartrecruiters\/v1\/companies\/([^/]+)\/postings\/?$/, (ctx) => {
    const board = boardBySlug(ctx.catalog, 'smartrecruiters', ctx.params[0] ?? '');
    const all = board ? boardPostings(ctx.catalog, board.key) : [];
    const limit = Math.min(intParam(ctx.url, 'limit', 10) || 10, 100);
    const offset = intParam(ctx.url, 'offset', 0);
    // Like the real API, an unknown company is an empty result, not an error.
    const content = all.slice(offset, offset + limit).map((p) => summary(p, board?.slug ?? ctx.params[0] ?? '', ctx));
    return json(200, { offset, limit, totalFound: all.length, content });
  }),
  route('GET', /^\/smartrecruiters\/v1\/companies\/([^/]+)\/postings\/([^/]+)$/, (ctx) => {
    const board = boardBySlug(ctx.catalog, 'smartrecruiters', ctx.params[0] ?? '');
    const found = board ? boardPostings(ctx.catalog, board.key).find((p) => smartRecruitersId(p) === ctx.params[1]) : undefined;
    return board && found ? json(200, detail(found, board.slug, ctx)) : json(404, NOT_FOUND);
  }),
];
