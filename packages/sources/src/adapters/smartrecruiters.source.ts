import { z } from 'zod';
import { PermanentError, type FetchRequest, type RawPostingInput } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseJsonBody } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { escapeHtml, isObj, joinNonEmpty, num, obj, str, type Obj } from '../util/values.ts';
import type { AdapterResult, SourceAdapter } from '../types.ts';

const configSchema = z.object({
  baseUrl: z.string().url().default('https://api.smartrecruiters.com'),
  company: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "." only'),
  pageSize: z.number().int().min(1).max(100).default(100),
  employer: z.string().optional(),
});
export type SmartRecruitersConfig = z.infer<typeof configSchema>;

function listRequest(config: SmartRecruitersConfig, offset: number): FetchRequest {
  const url = joinUrl(config.baseUrl, `/v1/companies/${encodeURIComponent(config.company)}/postings?limit=${config.pageSize}&offset=${offset}`);
  return request({ url, role: 'list', step: 'list', meta: { offset } });
}

function detailRequest(config: SmartRecruitersConfig, id: string): FetchRequest {
  const url = joinUrl(config.baseUrl, `/v1/companies/${encodeURIComponent(config.company)}/postings/${encodeURIComponent(id)}`);
  return request({ url, role: 'detail', step: 'detail', externalId: id });
}

// The list has no description: every item becomes a detail request (N+1 per board).
function parseList(body: Obj, url: string, offset: number, config: SmartRecruitersConfig): AdapterResult {
  if (!Array.isArray(body.content)) throw new PermanentError('unparseable', 'SmartRecruiters list: no content array');
  const builder = new ResultBuilder(url);
  for (const item of body.content) {
    const id = str(obj(item).id);
    if (id) builder.next.push(detailRequest(config, id));
    else builder.fail(null, 'list item without id');
  }
  const total = num(body.totalFound) ?? 0;
  const nextOffset = offset + body.content.length;
  if (body.content.length > 0 && nextOffset < total) builder.next.push(listRequest(config, nextOffset));
  return builder.result();
}

const SECTIONS = ['companyDescription', 'jobDescription', 'qualifications', 'additionalInformation'] as const;

function jobAdHtml(posting: Obj): string {
  const sections = obj(obj(posting.jobAd).sections);
  const parts = SECTIONS.map((key) => {
    const section = obj(sections[key]);
    const text = str(section.text);
    if (!text) return null;
    const title = str(section.title);
    return `${title ? `<h3>${escapeHtml(title)}</h3>` : ''}${text}`;
  });
  return joinNonEmpty(parts, '\n') ?? '';
}

function workplaceOf(location: Obj): string | null {
  if (location.remote === true) return 'remote';
  if (location.hybrid === true) return 'hybrid';
  return location.remote === false ? 'onsite' : null;
}

export function mapSmartRecruitersPosting(item: unknown, employer: string | null): RawPostingInput {
  const posting = obj(item);
  const location = obj(posting.location);
  const department = obj(posting.department);
  return {
    externalId: requireString(posting.id, 'id'),
    requisitionId: str(posting.refNumber),
    title: requireString(posting.name, 'name'),
    description: jobAdHtml(posting),
    employer: str(obj(posting.company).name) ?? employer,
    location: str(location.fullLocation)?.replace(/,\s*,/g, ',') ?? joinNonEmpty([str(location.city), str(location.region)], ', '),
    locations: [{ city: str(location.city), region: str(location.region), postalCode: str(location.postalCode), country: str(location.country)?.toUpperCase() ?? null }],
    employmentType: str(obj(posting.typeOfEmployment).label) ?? str(obj(posting.typeOfEmployment).id),
    workplaceType: workplaceOf(location),
    url: str(posting.postingUrl),
    applyUrl: str(posting.applyUrl) ?? str(posting.postingUrl),
    postedAt: toIso(posting.releasedDate),
    department: isObj(department) ? str(department.label) : null,
  };
}

export const smartRecruitersAdapter: SourceAdapter<SmartRecruitersConfig> = {
  kind: 'smartrecruiters',
  configSchema,
  start(config) {
    return [listRequest(config, 0)];
  },
  parse(response, config) {
    const body = obj(parseJsonBody(response.body, 'SmartRecruiters'));
    if ('content' in body || 'totalFound' in body) {
      return parseList(body, response.url, num(response.request.meta.offset) ?? num(body.offset) ?? 0, config);
    }
    if (!('id' in body) && !('jobAd' in body)) throw new PermanentError('unparseable', 'SmartRecruiters: neither a list nor a posting');
    const builder = new ResultBuilder(response.url);
    builder.add(body, (p) => mapSmartRecruitersPosting(p, config.employer ?? null), (p) => str(obj(p).id));
    return builder.result();
  },
};
