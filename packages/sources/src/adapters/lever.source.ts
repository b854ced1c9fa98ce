import { z } from 'zod';
import { PermanentError, type RawPostingInput } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseJsonBody } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { makeSalary, toPeriod } from '../util/salary.ts';
import { escapeHtml, isObj, joinNonEmpty, list, num, obj, str } from '../util/values.ts';
import type { SourceAdapter } from '../types.ts';

const configSchema = z.object({
  /** https://api.lever.co, or https://api.eu.lever.co for EU sites. */
  baseUrl: z.string().url().default('https://api.lever.co'),
  site: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "." only'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  employer: z.string().optional(),
});
export type LeverConfig = z.infer<typeof configSchema>;

function pageRequest(config: LeverConfig, skip: number) {
  const url = joinUrl(config.baseUrl, `/v0/postings/${encodeURIComponent(config.site)}?mode=json&skip=${skip}&limit=${config.pageSize}`);
  return request({ url, role: 'list', step: 'postings', meta: { skip } });
}

// Lever splits the ad into description (opening + body), titled lists and a closing part.
function leverDescription(posting: Record<string, unknown>): string {
  const lists = list(posting.lists).filter(isObj).map((l) => {
    const heading = str(l.text);
    const items = str(l.content) ?? '';
    return `${heading ? `<h3>${escapeHtml(heading)}</h3>` : ''}<ul>${items}</ul>`;
  });
  const parts = [str(posting.description) ?? str(posting.descriptionPlain), ...lists, str(posting.additional) ?? str(posting.additionalPlain)];
  return joinNonEmpty(parts, '\n') ?? '';
}

export function mapLeverPosting(item: unknown, employer: string | null): RawPostingInput {
  const posting = obj(item);
  const categories = obj(posting.categories);
  const range = obj(posting.salaryRange);
  const workplace = str(posting.workplaceType);
  const allLocations = list(categories.allLocations).map(str);
  return {
    externalId: requireString(posting.id, 'id'),
    title: requireString(posting.text, 'text'),
    description: leverDescription(posting),
    employer,
    location: joinNonEmpty(allLocations.length > 0 ? allLocations : [str(categories.location)], '; '),
    salary: makeSalary(num(range.min), num(range.max), range.currency, toPeriod(range.interval)),
    salaryText: str(posting.salaryDescriptionPlain) ?? str(posting.salaryDescription),
    employmentType: str(categories.commitment),
    workplaceType: workplace === 'unspecified' ? null : workplace,
    url: str(posting.hostedUrl),
    applyUrl: str(posting.applyUrl) ?? str(posting.hostedUrl),
    postedAt: toIso(posting.createdAt),
    department: str(categories.department) ?? str(categories.team),
  };
}

export const leverAdapter: SourceAdapter<LeverConfig> = {
  kind: 'lever',
  configSchema,
  start(config) {
    return [pageRequest(config, 0)];
  },
  parse(response, config) {
    const body = parseJsonBody(response.body, 'Lever postings');
    if (!Array.isArray(body)) throw new PermanentError('unparseable', 'Lever postings: expected an array');
    const builder = new ResultBuilder(response.url);
    for (const posting of body) {
      builder.add(posting, (p) => mapLeverPosting(p, config.employer ?? null), (p) => str(obj(p).id));
    }
    // A full page may have more behind it; a short page is the last one.
    if (body.length >= config.pageSize) {
      const skip = num(response.request.meta.skip) ?? 0;
      builder.next.push(pageRequest(config, skip + body.length));
    }
    return builder.result();
  },
};
