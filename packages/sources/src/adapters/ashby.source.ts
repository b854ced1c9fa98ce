import { z } from 'zod';
import { PermanentError, type RawLocation, type RawPostingInput, type RawSalary } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseJsonBody } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { makeSalary, toPeriod } from '../util/salary.ts';
import { isObj, joinNonEmpty, list, obj, str } from '../util/values.ts';
import type { SourceAdapter } from '../types.ts';

const configSchema = z.object({
  baseUrl: z.string().url().default('https://api.ashbyhq.com'),
  board: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "." only'),
  employer: z.string().optional(),
});
export type AshbyConfig = z.infer<typeof configSchema>;

function addressToLocation(node: unknown): RawLocation | null {
  const postal = obj(obj(node).postalAddress);
  const location: RawLocation = {
    city: str(postal.addressLocality),
    region: str(postal.addressRegion),
    postalCode: str(postal.postalCode),
    country: str(postal.addressCountry),
  };
  return Object.values(location).some((v) => v !== null) ? location : null;
}

// The Salary component carries numbers; the summary line is for people ("$81K – $87K").
function ashbySalary(compensation: Record<string, unknown>): RawSalary | null {
  const components = [...list(compensation.summaryComponents), ...list(compensation.compensationTiers).flatMap((t) => list(obj(t).components))];
  const salary = components.filter(isObj).find((c) => /salary|hourly|wage/i.test(str(c.compensationType) ?? ''));
  if (!salary) return null;
  return makeSalary(salary.minValue, salary.maxValue, salary.currencyCode, toPeriod(salary.interval));
}

export function mapAshbyJob(item: unknown, employer: string | null): RawPostingInput | null {
  const job = obj(item);
  if (job.isListed === false) return null;
  const secondary = list(job.secondaryLocations).filter(isObj);
  const locations = [job.address, ...secondary.map((s) => s.address)].map(addressToLocation).filter((l): l is RawLocation => l !== null);
  const compensation = obj(job.compensation);
  const workplace = str(job.workplaceType) ?? (job.isRemote === true ? 'Remote' : null);
  return {
    externalId: requireString(job.id, 'id'),
    title: requireString(job.title, 'title'),
    description: str(job.descriptionHtml) ?? str(job.descriptionPlain) ?? '',
    employer,
    location: joinNonEmpty([str(job.location), ...secondary.map((s) => str(s.location))], '; '),
    locations,
    salary: ashbySalary(compensation),
    salaryText: str(compensation.scrapeableCompensationSalarySummary) ?? str(compensation.compensationTierSummary),
    employmentType: str(job.employmentType),
    workplaceType: workplace,
    url: str(job.jobUrl),
    applyUrl: str(job.applyUrl) ?? str(job.jobUrl),
    postedAt: toIso(job.publishedAt),
    department: str(job.department) ?? str(job.team),
  };
}

export const ashbyAdapter: SourceAdapter<AshbyConfig> = {
  kind: 'ashby',
  configSchema,
  start(config) {
    const url = joinUrl(config.baseUrl, `/posting-api/job-board/${encodeURIComponent(config.board)}?includeCompensation=true`);
    return [request({ url, role: 'list', step: 'board' })];
  },
  parse(response, config) {
    const body = obj(parseJsonBody(response.body, 'Ashby board'));
    if (!Array.isArray(body.jobs)) throw new PermanentError('unparseable', 'Ashby board: no jobs array');
    const builder = new ResultBuilder(response.url);
    for (const job of body.jobs) {
      builder.add(job, (j) => mapAshbyJob(j, config.employer ?? null), (j) => str(obj(j).id));
    }
    return builder.result();
  },
};
