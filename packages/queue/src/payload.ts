import type { z } from 'zod';
import { ValidationError } from '@himatch/core';
import { jobCatalog, isJobName } from './catalog.ts';
import type { JobName, PayloadOf } from './catalog.ts';

/**
 * Parses a payload with its catalog schema. Throws a ValidationError whose field names
 * the job and the first bad path, e.g. `crawl.page.request.url`.
 */
export function parsePayload<N extends JobName>(name: N, payload: unknown): PayloadOf<N> {
  if (!isJobName(name)) throw new ValidationError('jobName', `unknown job name "${String(name)}"`);
  const schema: z.ZodType = jobCatalog[name].schema;
  const result = schema.safeParse(payload);
  if (result.success) return result.data as PayloadOf<N>;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
  const problems = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  throw new ValidationError(`${name}${path}`, problems.join('; '));
}
