import { STATE_NAMES, type SamplePosting } from '@himatch/samples';
import { boardBySlug, boardPostings } from '../catalog.ts';
import { json, route, type Ctx, type Route } from '../http.ts';
import { uuidOf } from '../ids.ts';
import { stripTags } from './common.ts';

// Ashby public posting API: the whole board in one response; unknown board -> 404.

const EMPLOYMENT: Record<SamplePosting['employmentType'], string> = {
  full_time: 'FullTime', part_time: 'PartTime', per_diem: 'PartTime', contract: 'Contract', temporary: 'Temporary',
};
const WORKPLACE = { onsite: 'OnSite', hybrid: 'Hybrid', remote: 'Remote' } as const;

const money = (n: number, period: 'hour' | 'year'): string =>
  period === 'hour' ? `$${n.toFixed(2)}` : `$${Math.round(n / 1000)}K`;

function compensation(p: SamplePosting): Record<string, unknown> {
  const s = p.salary;
  if (!s) return { compensationTierSummary: null, scrapeableCompensationSalarySummary: null, compensationTiers: [], summaryComponents: [] };
  const interval = s.period === 'hour' ? '1 HOUR' : '1 YEAR';
  const summary = `${s.min === null ? 'Up to ' : `${money(s.min, s.period)} – `}${money(s.max, s.period)}${s.period === 'hour' ? ' per hour' : ''}`;
  const component = { id: uuidOf(`${p.id}:comp`), summary, compensationType: 'Salary', interval, currencyCode: s.currency, minValue: s.min, maxValue: s.max };
  return {
    compensationTierSummary: summary,
    scrapeableCompensationSalarySummary: summary,
    compensationTiers: [{ id: uuidOf(`${p.id}:tier`), tierSummary: summary, title: 'Base', additionalInformation: null, components: [component] }],
    summaryComponents: [component],
  };
}

export const ashbyId = (p: SamplePosting): string => uuidOf(p.id);

function job(p: SamplePosting, ctx: Ctx, board: string, withCompensation: boolean): Record<string, unknown> {
  const id = ashbyId(p);
  return {
    id,
    title: p.title,
    department: p.department,
    team: p.department,
    employmentType: EMPLOYMENT[p.employmentType],
    location: p.workMode === 'remote' ? 'Remote (United States)' : p.city,
    secondaryLocations: [],
    publishedAt: p.postedAt.replace('Z', '+00:00'),
    isListed: true,
    isRemote: p.workMode === 'remote',
    workplaceType: WORKPLACE[p.workMode],
    address: { postalAddress: { addressLocality: p.city, addressRegion: STATE_NAMES[p.region] ?? p.region, addressCountry: 'United States' } },
    jobUrl: `${ctx.base}/ashby/jobs/${board}/${id}`,
    applyUrl: `${ctx.base}/apply/${encodeURIComponent(p.id)}`,
    descriptionHtml: p.descriptionHtml,
    descriptionPlain: stripTags(p.descriptionHtml),
    shouldDisplayCompensationOnJobPostings: p.salary !== null,
    ...(withCompensation ? { compensation: compensation(p) } : {}),
  };
}

export const ashbyRoutes: readonly Route[] = [
  route('GET', /^\/ashby\/posting-api\/job-board\/([^/]+)\/?$/, (ctx) => {
    const board = boardBySlug(ctx.catalog, 'ashby', ctx.params[0] ?? '');
    if (!board) return json(404, { success: false, errors: ['Job board not found'] });
    const withCompensation = ctx.url.searchParams.get('includeCompensation') === 'true';
    return json(200, { apiVersion: '1', jobs: boardPostings(ctx.catalog, board.key).map((p) => job(p, ctx, board.slug, withCompensation)) });
  }),
];
