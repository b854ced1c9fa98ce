import { z } from 'zod';
import he from 'he';
import { PermanentError, type RawPostingInput } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseJsonBody } from '../util/parse.ts';
import { joinUrl, request } from '../util/request.ts';
import { isObj, joinNonEmpty, list, obj, str } from '../util/values.ts';
import type { SourceAdapter } from '../types.ts';

const configSchema = z.object({
  baseUrl: z.string().url().default('https://boards-api.greenhouse.io'),
  boardToken: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, "_", "-" or "." only'),
  employer: z.string().optional(),
});
export type GreenhouseConfig = z.infer<typeof configSchema>;

interface Metadata { name: string; value: string }

function metadataOf(job: Record<string, unknown>): Metadata[] {
  return list(job.metadata).filter(isObj).map((m) => ({
    name: str(m.name) ?? '',
    value: joinNonEmpty(list(m.value).map((v) => (isObj(v) ? str(v.name) ?? str(v.value) : str(v))), ', ') ?? '',
  })).filter((m) => m.name !== '' && m.value !== '');
}

function pick(metadata: Metadata[], pattern: RegExp): string | null {
  return metadata.find((m) => pattern.test(m.name))?.value ?? null;
}

export function mapGreenhouseJob(item: unknown, employer: string | null): RawPostingInput {
  const job = obj(item);
  const metadata = metadataOf(job);
  const content = str(job.content);
  const location = str(obj(job.location).name)
    ?? joinNonEmpty(list(job.offices).map((o) => str(obj(o).name)), '; ');
  return {
    externalId: requireString(job.id, 'id'),
    requisitionId: str(job.requisition_id),
    title: requireString(job.title, 'title'),
    // content=true returns the HTML entity-escaped ("&lt;p&gt;"); decode once to get HTML.
    description: content ? he.decode(content) : '',
    employer: str(job.company_name) ?? employer,
    location,
    salaryText: pick(metadata, /salary|pay|compensation|wage/i),
    employmentType: pick(metadata, /employment|job type|time type|schedule/i),
    workplaceType: pick(metadata, /remote|workplace|work (mode|type|location)/i),
    url: str(job.absolute_url),
    applyUrl: str(job.absolute_url),
    postedAt: toIso(job.first_published) ?? toIso(job.updated_at),
    closesAt: toIso(job.application_deadline),
    department: str(obj(list(job.departments)[0]).name),
  };
}

export const greenhouseAdapter: SourceAdapter<GreenhouseConfig> = {
  kind: 'greenhouse',
  configSchema,
  start(config) {
    const url = joinUrl(config.baseUrl, `/v1/boards/${encodeURIComponent(config.boardToken)}/jobs?content=true`);
    return [request({ url, role: 'list', step: 'jobs' })];
  },
  parse(response, config) {
    const body = obj(parseJsonBody(response.body, 'Greenhouse board'));
    if (!Array.isArray(body.jobs)) throw new PermanentError('unparseable', 'Greenhouse board: no jobs array');
    const builder = new ResultBuilder(response.url);
    for (const job of body.jobs) {
      builder.add(job, (j) => mapGreenhouseJob(j, config.employer ?? null), (j) => str(obj(j).id));
    }
    return builder.result();
  },
};
