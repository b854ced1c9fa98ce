import { z } from 'zod';
import { PermanentError, type FetchedResponse, type FetchRequest, type RawPostingInput } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { postedOnToIso, toIso } from '../util/dates.ts';
import { shortHash } from '../util/hash.ts';
import { parseJsonBody } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { joinNonEmpty, list, num, obj, str, type Obj } from '../util/values.ts';
import { facetSplits, WORKDAY_RESULT_CAP } from './workday-facets.ts';
import type { AdapterResult, SourceAdapter } from '../types.ts';

const configSchema = z.object({
  /** The career site host, e.g. https://nvidia.wd5.myworkdayjobs.com */
  baseUrl: z.string().url(),
  tenant: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "." only'),
  site: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "." only'),
  pageSize: z.number().int().min(1).max(20).default(20),
  employer: z.string().optional(),
});
export type WorkdayConfig = z.infer<typeof configSchema>;

interface ListState {
  offset: number;
  total: number | null;
  /** Hashes of each page's first externalPath, to notice a page coming round again. */
  pageMarks: string[];
  appliedFacets: Record<string, string[]>;
}

function cxsUrl(config: WorkdayConfig, path: string): string {
  return joinUrl(config.baseUrl, `/wday/cxs/${encodeURIComponent(config.tenant)}/${encodeURIComponent(config.site)}${path}`);
}

export function workdayListRequest(config: WorkdayConfig, state: ListState): FetchRequest {
  const body = { appliedFacets: state.appliedFacets, limit: config.pageSize, offset: state.offset, searchText: '' };
  return request({
    url: cxsUrl(config, '/jobs'),
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    role: 'list',
    step: 'list',
    meta: { ...state },
  });
}

function stateOf(meta: Obj): ListState {
  const facets = obj(meta.appliedFacets);
  const appliedFacets: Record<string, string[]> = {};
  for (const [key, ids] of Object.entries(facets)) appliedFacets[key] = list(ids).map(str).filter((s): s is string => s !== null);
  return {
    offset: num(meta.offset) ?? 0,
    total: num(meta.total),
    pageMarks: list(meta.pageMarks).map(str).filter((s): s is string => s !== null),
    appliedFacets,
  };
}

function detailRequest(config: WorkdayConfig, item: Obj, externalPath: string): FetchRequest {
  return request({
    url: cxsUrl(config, externalPath),
    role: 'detail',
    step: 'detail',
    externalId: externalPath,
    // Workday details rarely change and cost one request each: fetch only new postings.
    meta: { skipIfKnown: true, postedOn: str(item.postedOn), locationsText: str(item.locationsText), requisitionId: str(list(item.bulletFields)[0]) },
  });
}

/**
 * One list page. `total` comes only on the first page, so it rides in meta. Paging stops
 * when the offset reaches total, a page is empty, or a page comes round again (boards over
 * ~2,000 report 2000 and loop); such boards are also split by a facet.
 */
function parseList(body: Obj, response: FetchedResponse, config: WorkdayConfig): AdapterResult {
  const postings = body.jobPostings;
  if (!Array.isArray(postings)) throw new PermanentError('unparseable', 'Workday list: no jobPostings array');
  const state = stateOf(response.request.meta);
  const total = state.total ?? num(body.total);
  const builder = new ResultBuilder(response.url);
  const paths = postings.map((p) => str(obj(p).externalPath));
  const mark = shortHash(paths.join('\n'));
  const repeated = postings.length > 0 && state.pageMarks.includes(mark);
  if (repeated) return builder.result();
  postings.forEach((item, index) => {
    const path = paths[index];
    if (path) builder.next.push(detailRequest(config, obj(item), path));
    else builder.fail(null, 'list item without externalPath');
  });
  const nextOffset = state.offset + postings.length;
  const more = total === null ? postings.length >= config.pageSize : nextOffset < total;
  if (postings.length > 0 && more) {
    builder.next.push(workdayListRequest(config, { ...state, offset: nextOffset, total, pageMarks: [...state.pageMarks, mark] }));
  }
  const unfaceted = Object.keys(state.appliedFacets).length === 0;
  if (state.offset === 0 && unfaceted && total !== null && total >= WORKDAY_RESULT_CAP) {
    for (const appliedFacets of facetSplits(body.facets)) {
      builder.next.push(workdayListRequest(config, { offset: 0, total: null, pageMarks: [], appliedFacets }));
    }
  }
  return builder.result();
}

// A leading company code ("1000 Merck Sharp & Dohme LLC", "IL00 Mellanox ...") is
// Workday's internal ledger id, not part of the employer's name.
function cleanEmployer(name: string | null): string | null {
  return name ? name.replace(/^[A-Z0-9]*\d[A-Z0-9]*\s+(?=\S)/, '') : null;
}

function externalIdOf(response: FetchedResponse, config: WorkdayConfig, info: Obj): string {
  if (response.request.externalId) return response.request.externalId;
  const prefix = `/wday/cxs/${config.tenant}/${config.site}`;
  const path = new URL(response.url).pathname;
  if (path.startsWith(`${prefix}/job/`)) return path.slice(prefix.length);
  const external = str(info.externalUrl);
  const jobPath = external ? /\/job\/.*$/.exec(new URL(external).pathname)?.[0] : undefined;
  return jobPath ?? requireString(info.jobReqId, 'jobReqId');
}

export function mapWorkdayDetail(body: Obj, response: FetchedResponse, config: WorkdayConfig): RawPostingInput {
  const info = obj(body.jobPostingInfo);
  const meta = response.request.meta;
  const requisition = obj(info.jobRequisitionLocation);
  return {
    externalId: externalIdOf(response, config, info),
    requisitionId: str(info.jobReqId) ?? str(meta.requisitionId),
    title: requireString(info.title, 'jobPostingInfo.title'),
    description: str(info.jobDescription) ?? '',
    employer: cleanEmployer(str(obj(body.hiringOrganization).name)) ?? config.employer ?? null,
    location: joinNonEmpty([str(info.location) ?? str(requisition.descriptor), ...list(info.additionalLocations).map(str)], '; ') ?? str(meta.locationsText),
    employmentType: str(info.timeType),
    workplaceType: str(info.remoteType),
    url: str(info.externalUrl),
    applyUrl: str(info.externalUrl),
    postedAt: toIso(info.startDate) ?? postedOnToIso(info.postedOn ?? meta.postedOn, response.fetchedAt),
    closesAt: toIso(info.endDate),
  };
}

export const workdayAdapter: SourceAdapter<WorkdayConfig> = {
  kind: 'workday',
  configSchema,
  start(config) {
    return [workdayListRequest(config, { offset: 0, total: null, pageMarks: [], appliedFacets: {} })];
  },
  parse(response, config) {
    const body = obj(parseJsonBody(response.body, 'Workday'));
    if ('jobPostings' in body) return parseList(body, response, config);
    if (!('jobPostingInfo' in body)) throw new PermanentError('unparseable', 'Workday: neither a job list nor a job posting');
    const builder = new ResultBuilder(response.url);
    builder.add(body, () => mapWorkdayDetail(body, response, config), () => response.request.externalId);
    return builder.result();
  },
};
