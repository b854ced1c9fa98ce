import { SOURCE_KINDS } from '@himatch/core';
import { anyObject, bool, dateTime, enumOf, int, nullableDateTime, nullableStr, obj, str } from '../schemas.ts';

/** Names are shown in dashboards and CLIs: plain text, no markup. */
const sourceName = { type: 'string', minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9][A-Za-z0-9 ._()&',/-]*$" } as const;
/** Five or six cron fields; the scheduler validates the expression itself when it reconciles. */
const cron = { type: ['string', 'null'], maxLength: 100, pattern: '^\\S+(\\s+\\S+){4,5}$' } as const;

export const sourceSchema = obj({
  id: str, kind: str, name: str, config: anyObject, cron: nullableStr, enabled: bool, politeness: anyObject,
  consecutiveFailures: int, cooldownUntil: nullableDateTime, lastError: nullableStr, lastFailureAt: nullableDateTime,
  lastSuccessAt: nullableDateTime, createdAt: dateTime, updatedAt: dateTime,
});

export const createSourceBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'config'],
  properties: { kind: enumOf(SOURCE_KINDS), name: sourceName, config: anyObject, cron, enabled: { type: 'boolean', default: true } },
} as const;

export const patchSourceBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: sourceName, config: anyObject, cron, enabled: bool },
} as const;

const runSchema = obj({
  id: str, status: str, complete: bool, startedAt: dateTime, finishedAt: nullableDateTime, error: nullableStr,
  pages: int, postingsSeen: int, new: int, changed: int, unchanged: int, closed: int, failed: int, pendingPages: int,
  failures: { type: 'array', items: obj({ url: str, externalId: nullableStr, reason: str, createdAt: dateTime }) },
});

export const healthSchema = obj({
  consecutiveFailures: int, cooldownUntil: nullableDateTime, coolingDown: bool, lastError: nullableStr,
  lastFailureAt: nullableDateTime, lastSuccessAt: nullableDateTime, enabled: bool,
});

export const runsSchema = obj({ health: healthSchema, runs: { type: 'array', items: runSchema } });

export const crawlStartedSchema = obj({ runId: str, jobId: str });
