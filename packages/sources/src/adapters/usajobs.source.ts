import { z } from 'zod';
import { PermanentError, type FetchRequest, type RawFederal, type RawLocation, type RawPostingInput, type RawSalary } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseJsonBody } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { isBiweekly, makeSalary, toPeriod } from '../util/salary.ts';
import { bool, isObj, joinNonEmpty, list, num, obj, str, type Obj } from '../util/values.ts';
import type { SourceAdapter } from '../types.ts';

const REAL_HOST = 'data.usajobs.gov';

const configSchema = z.object({
  baseUrl: z.string().url().default(`https://${REAL_HOST}`),
  apiKey: z.string().min(1),
  /** The e-mail registered with the key; USAJOBS wants it as the User-Agent. */
  userAgentEmail: z.string().email(),
  keyword: z.string().min(1).optional(),
  /** Occupational series codes (JobCategoryCode), four digits each. */
  series: z.array(z.string().regex(/^\d{4}$/, 'four-digit series code')).default(['0675', '0669']),
  resultsPerPage: z.number().int().min(1).max(500).default(250),
});
export type UsajobsConfig = z.infer<typeof configSchema>;

function searchRequest(config: UsajobsConfig, page: number): FetchRequest {
  const params = new URLSearchParams();
  if (config.keyword) params.set('Keyword', config.keyword);
  if (config.series.length > 0) params.set('JobCategoryCode', config.series.join(';'));
  params.set('ResultsPerPage', String(config.resultsPerPage));
  params.set('Page', String(page));
  // The API reads the series list separated by ";", which URLSearchParams would escape.
  const url = joinUrl(config.baseUrl, `/api/Search?${params.toString().replace(/%3B/g, ';')}`);
  const headers: Record<string, string> = { 'Authorization-Key': config.apiKey, 'User-Agent': config.userAgentEmail };
  if (new URL(config.baseUrl).hostname === REAL_HOST) headers.Host = REAL_HOST;
  return request({ url, headers, role: 'list', step: 'search', meta: { page } });
}

// PositionRemuneration's RateIntervalCode comes as a code ("PA") or as prose ("Per Year").
function usajobsSalary(remuneration: unknown): RawSalary | null {
  const pay = obj(list(remuneration)[0]);
  const interval = str(pay.RateIntervalCode) ?? str(pay.Description);
  if (isBiweekly(interval)) {
    // No bi-weekly period exists downstream; half of a two-week amount is the weekly pay.
    const half = (v: unknown) => (num(v) === null ? null : (num(v) as number) / 2);
    return makeSalary(half(pay.MinimumRange), half(pay.MaximumRange), 'USD', 'week');
  }
  return makeSalary(pay.MinimumRange, pay.MaximumRange, 'USD', toPeriod(interval));
}

function salaryText(pay: Obj): string | null {
  const range = joinNonEmpty([str(pay.MinimumRange), str(pay.MaximumRange)], ' - ');
  return range ? joinNonEmpty([range, str(pay.Description) ?? str(pay.RateIntervalCode)], ' ') : null;
}

function usajobsLocations(node: unknown): RawLocation[] {
  return list(node).filter(isObj).map((l) => ({
    // CityName repeats the state ("Anchorage, Alaska"); the state has its own field.
    city: str(l.CityName)?.split(',')[0]?.trim() ?? null,
    region: str(l.CountrySubDivisionCode),
    postalCode: null,
    country: str(l.CountryCode),
  }));
}

function federalOf(descriptor: Obj, details: Obj): RawFederal {
  const grades = (v: unknown) => { const n = num(v); return n === null ? null : Math.trunc(n); };
  const whoMayApply = obj(details.WhoMayApply);
  return {
    series: list(descriptor.JobCategory).map((c) => str(obj(c).Code)).filter((c): c is string => c !== null),
    payPlan: str(obj(list(descriptor.JobGrade)[0]).Code),
    gradeLow: grades(details.LowGrade),
    gradeHigh: grades(details.HighGrade),
    whoMayApply: str(whoMayApply.Name) ?? str(whoMayApply.Code) ?? str(details.WhoMayApply),
    hiringPaths: list(details.HiringPath).map(str).filter((p): p is string => p !== null),
    organization: str(descriptor.OrganizationName),
  };
}

function section(heading: string, body: string | null): string | null {
  return body ? `${heading}\n${body}` : null;
}

function usajobsDescription(descriptor: Obj, details: Obj): string {
  const duties = list(details.MajorDuties).map(str).filter((d): d is string => d !== null);
  return joinNonEmpty([
    section('Summary', str(details.JobSummary)),
    section('Duties', duties.length > 0 ? duties.join('\n') : null),
    section('Qualifications', str(descriptor.QualificationSummary)),
    section('Requirements', str(details.Requirements)),
    section('Education', str(details.Education)),
  ], '\n\n') ?? '';
}

function workplaceOf(details: Obj): string | null {
  if (bool(details.RemoteIndicator) === true) return 'remote';
  // Telework eligibility means some days at home, a regular duty station otherwise.
  const telework = bool(details.TeleworkEligible);
  if (telework === null) return null;
  return telework ? 'hybrid' : 'onsite';
}

export function mapUsajobsItem(item: unknown): RawPostingInput {
  const descriptor = obj(obj(item).MatchedObjectDescriptor);
  const details = obj(obj(descriptor.UserArea).Details);
  const pay = obj(list(descriptor.PositionRemuneration)[0]);
  return {
    externalId: requireString(obj(item).MatchedObjectId, 'MatchedObjectId'),
    requisitionId: str(descriptor.PositionID),
    title: requireString(descriptor.PositionTitle, 'PositionTitle'),
    description: usajobsDescription(descriptor, details),
    employer: str(descriptor.OrganizationName) ?? str(descriptor.DepartmentName),
    department: str(descriptor.DepartmentName),
    location: str(descriptor.PositionLocationDisplay),
    locations: usajobsLocations(descriptor.PositionLocation),
    salary: usajobsSalary(descriptor.PositionRemuneration),
    salaryText: salaryText(pay),
    employmentType: str(obj(list(descriptor.PositionSchedule)[0]).Name),
    workplaceType: workplaceOf(details),
    url: str(descriptor.PositionURI),
    applyUrl: str(list(descriptor.ApplyURI)[0]) ?? str(descriptor.PositionURI),
    postedAt: toIso(descriptor.PublicationStartDate) ?? toIso(descriptor.PositionStartDate),
    closesAt: toIso(descriptor.ApplicationCloseDate) ?? toIso(descriptor.PositionEndDate),
    federal: federalOf(descriptor, details),
  };
}

function pageCount(result: Obj, perPage: number): number {
  const pages = num(obj(result.UserArea).NumberOfPages);
  if (pages !== null) return pages;
  const all = num(result.SearchResultCountAll) ?? num(result.SearchResultCount) ?? 0;
  return Math.ceil(all / perPage);
}

export const usajobsAdapter: SourceAdapter<UsajobsConfig> = {
  kind: 'usajobs',
  configSchema,
  start(config) {
    return [searchRequest(config, 1)];
  },
  parse(response, config) {
    const result = obj(obj(parseJsonBody(response.body, 'USAJOBS search')).SearchResult);
    const items = result.SearchResultItems;
    if (!Array.isArray(items)) throw new PermanentError('unparseable', 'USAJOBS search: no SearchResult.SearchResultItems');
    const builder = new ResultBuilder(response.url);
    for (const item of items) builder.add(item, mapUsajobsItem, (i) => str(obj(i).MatchedObjectId));
    const page = num(response.request.meta.page) ?? 1;
    if (items.length > 0 && page < pageCount(result, config.resultsPerPage)) builder.next.push(searchRequest(config, page + 1));
    return builder.result();
  },
};
