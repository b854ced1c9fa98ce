import { STATE_NAMES, type SamplePosting } from '@himatch/samples';
import { boardPostings } from '../catalog.ts';
import { hash32, numericId } from '../ids.ts';
import { intParam, json, route, type Ctx, type Route } from '../http.ts';
import { stripTags } from './common.ts';

// USAJOBS Search API: needs Authorization-Key and a User-Agent e-mail; pages with
// ResultsPerPage/Page; filters on JobCategoryCode and Keyword.

const SERIES_NAME: Record<string, string> = {
  '0675': 'Medical Records Technician', '0669': 'Medical Records Administration', '0640': 'Health Aid And Technician', '0671': 'Health System Specialist',
};

/** Zoneless timestamps, as USAJOBS writes them. */
const zoneless = (iso: string): string => `${iso.slice(0, 19)}.0000`;
export const usajobsId = (p: SamplePosting): string => numericId(p.id, 8).slice(0, 9);

function details(p: SamplePosting): Record<string, unknown> {
  const f = p.truth.federal;
  const sections = p.descriptionHtml.split('<h3>');
  const section = (name: string): string => stripTags(sections.find((s) => s.startsWith(`${name}</h3>`))?.slice(name.length + 5) ?? '');
  const duties = section('Duties').split('\n').filter((l) => l.trim() !== '');
  const title32 = f?.title32 ?? false;
  return {
    JobSummary: section('Summary'),
    MajorDuties: duties,
    Requirements: section('Conditions of employment'),
    Education: section('Qualifications'),
    LowGrade: String(f?.gradeLow ?? ''), HighGrade: String(f?.gradeHigh ?? ''),
    WhoMayApply: title32 ? { Name: 'Current members and those eligible for membership in the Air National Guard', Code: '' } : { Name: 'United States Citizens', Code: '' },
    HiringPath: title32 ? ['nguard'] : ['public'],
    TeleworkEligible: p.workMode === 'hybrid',
    RemoteIndicator: p.workMode === 'remote',
    ServiceType: title32 ? 'Excepted' : 'Competitive',
  };
}

function item(p: SamplePosting, ctx: Ctx): Record<string, unknown> {
  const id = usajobsId(p);
  const f = p.truth.federal;
  const state = STATE_NAMES[p.region] ?? p.region;
  const title32 = f?.title32 ?? false;
  // Real responses mix interval codes and prose; alternate by id.
  const rateCode = hash32(p.id) % 2 === 0 ? 'PA' : 'Per Year';
  return {
    MatchedObjectId: id,
    MatchedObjectDescriptor: {
      PositionID: p.requisitionId, PositionTitle: p.title,
      PositionURI: `${ctx.base}/usajobs/job/${id}`, ApplyURI: [`${ctx.base}/apply/${encodeURIComponent(p.id)}`],
      PositionLocationDisplay: `${p.city}, ${state}`,
      PositionLocation: [{ LocationName: `${p.city}, ${state}`, CountryCode: 'United States', CountrySubDivisionCode: state, CityName: `${p.city}, ${state}`, Longitude: p.lon, Latitude: p.lat }],
      OrganizationName: title32 ? 'Air National Guard Units' : 'Veterans Health Administration',
      DepartmentName: title32 ? 'Department of the Air Force' : 'Department of Veterans Affairs',
      JobCategory: f ? [{ Name: SERIES_NAME[f.series] ?? f.series, Code: f.series }] : [],
      JobGrade: [{ Code: f?.payPlan ?? 'GS' }],
      PositionSchedule: [{ Name: 'Full-time', Code: '1' }],
      PositionOfferingType: [{ Name: 'Permanent', Code: '15317' }],
      QualificationSummary: stripTags(p.descriptionHtml.split('<h3>Qualifications</h3>')[1]?.split('<h3>')[0] ?? ''),
      PositionRemuneration: p.salary ? [{ MinimumRange: String(p.salary.min ?? p.salary.max), MaximumRange: String(p.salary.max), RateIntervalCode: rateCode, Description: 'Per Year' }] : [],
      PositionStartDate: zoneless(p.postedAt), PositionEndDate: zoneless(p.closesAt ?? p.postedAt),
      PublicationStartDate: zoneless(p.postedAt), ApplicationCloseDate: p.closesAt ? `${p.closesAt.slice(0, 10)}T23:59:59.9970` : null,
      UserArea: { Details: details(p), IsRadialSearch: false },
    },
    RelevanceRank: 0,
  };
}

function authorized(ctx: Ctx): boolean {
  const key = ctx.req.headers['authorization-key'];
  const agent = ctx.req.headers['user-agent'];
  return key === ctx.settings.usajobsApiKey && typeof agent === 'string' && agent.includes('@');
}

function matches(p: SamplePosting, url: URL): boolean {
  const series = url.searchParams.get('JobCategoryCode');
  if (series && !series.split(/[;,]/).includes(p.truth.federal?.series ?? '')) return false;
  const keyword = url.searchParams.get('Keyword')?.toLowerCase();
  return !keyword || `${p.title} ${p.descriptionHtml}`.toLowerCase().includes(keyword);
}

function search(ctx: Ctx) {
  if (!authorized(ctx)) return json(401, { message: 'Authorization has been denied for this request.' });
  const perPage = Math.min(intParam(ctx.url, 'ResultsPerPage', 250) || 250, 500);
  const page = Math.max(intParam(ctx.url, 'Page', 1), 1);
  const all = boardPostings(ctx.catalog, 'usajobs').filter((p) => matches(p, ctx.url));
  const items = all.slice((page - 1) * perPage, page * perPage).map((p) => item(p, ctx));
  return json(200, {
    LanguageCode: 'EN',
    SearchParameters: Object.fromEntries(ctx.url.searchParams),
    SearchResult: {
      SearchResultCount: items.length, SearchResultCountAll: all.length, SearchResultItems: items,
      UserArea: { NumberOfPages: String(Math.ceil(all.length / perPage)), IsRadialSearch: false },
    },
  });
}

export const usajobsRoutes: readonly Route[] = [route('GET', /^\/usajobs\/api\/Search$/i, search)];
