import { z } from 'zod';
import { PermanentError, type RawPostingInput } from '@himatch/core';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseXmlBody, xmlText } from '../util/parse.ts';
import { request } from '../util/request.ts';
import { joinNonEmpty, list, obj } from '../util/values.ts';
import type { SourceAdapter } from '../types.ts';

const configSchema = z.object({
  feedUrl: z.string().url(),
  employer: z.string().optional(),
});
export type IndeedXmlConfig = z.infer<typeof configSchema>;

/** "2+ years", "6 months", "3-5 yrs": the lower bound in months. */
export function experienceToMonths(text: string | null): number | null {
  if (!text) return null;
  const match = /(\d+(?:\.\d+)?)\s*(?:\+|-\s*\d+)?\s*(years?|yrs?|months?|mos?)\b/i.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const amount = Number(match[1]);
  return /^m/i.test(match[2]) ? amount : amount * 12;
}

export function mapIndeedJob(item: unknown, employer: string | null): RawPostingInput {
  const job = obj(item);
  const field = (name: string) => xmlText(job[name]);
  const [city, region, postalCode, country] = ['city', 'state', 'postalcode', 'country'].map(field);
  const hasPlace = [city, region, postalCode, country].some((v) => v !== null && v !== undefined);
  const experience = field('experience');
  return {
    externalId: requireString(field('referencenumber'), 'referencenumber'),
    requisitionId: field('requisitionid'),
    title: requireString(field('title'), 'title'),
    description: field('description') ?? '',
    employer: field('company') ?? employer,
    location: joinNonEmpty([city, region, country], ', '),
    locations: hasPlace ? [{ city: city ?? null, region: region ?? null, postalCode: postalCode ?? null, country: country ?? null }] : undefined,
    salaryText: field('salary'),
    employmentType: field('jobtype'),
    workplaceType: field('remotetype'),
    url: field('url'),
    applyUrl: field('url'),
    postedAt: toIso(field('date')),
    closesAt: toIso(field('expirationdate')),
    educationText: field('education'),
    experienceMonths: experienceToMonths(experience),
    department: field('category'),
  };
}

export const indeedXmlAdapter: SourceAdapter<IndeedXmlConfig> = {
  kind: 'indeed-xml',
  configSchema,
  start(config) {
    return [request({ url: config.feedUrl, role: 'list', step: 'feed' })];
  },
  parse(response, config) {
    const doc = parseXmlBody(response.body, 'Indeed XML feed');
    if (!('source' in doc)) throw new PermanentError('unparseable', 'Indeed XML feed: no <source> root');
    const builder = new ResultBuilder(response.url);
    for (const job of list(obj(doc.source).job)) {
      builder.add(job, (j) => mapIndeedJob(j, config.employer ?? null), (j) => xmlText(obj(j).referencenumber));
    }
    return builder.result();
  },
};
