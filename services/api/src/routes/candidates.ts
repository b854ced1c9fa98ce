import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { candidateProfileSchema, ValidationError, type CandidateProfile } from '@himatch/core';
import { gapAnalysis, gapFilter, rankReachable } from '@himatch/matcher';
import type { RouteContext } from '../context.ts';
import { assertCandidateAccess } from '../auth.ts';
import { badRequest, notFound } from '../errors.ts';
import { anyObject, bool, dateTime, int, nullableDateTime, nullableNum, nullableStr, num, obj, str, strArray, uuidParams, withErrors } from '../schemas.ts';

/** Who may call the candidate routes; a candidate key is further limited to its own id. */
export const CANDIDATE_ROUTES = ['candidate', 'operator'] as const;
/** The profile schema as JSON schema, for the OpenAPI document (zod stays the validator). */
const profileJsonSchema = { ...z.toJSONSchema(candidateProfileSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }), $schema: undefined };
const checkSchema = obj({ requirement: str, status: str, evidence: nullableStr, detail: str, required: bool });
const matchSchema = obj({ listingId: str, score: num, eligibility: str, checks: { type: 'array', items: checkSchema }, summary: str });
const gapSchema = obj({
  step: str, kind: str, additionalEligible: int, additionalConditional: int, medianAnnualPayBefore: nullableNum,
  medianAnnualPayAfter: nullableNum, exampleListingIds: strArray,
});
const alertSchema = obj({ id: str, listingId: str, score: num, status: str, attempts: int, lastError: nullableStr, createdAt: dateTime, deliveredAt: nullableDateTime });
const profileResponse = obj({ id: str, profile: anyObject, updatedAt: dateTime });

/** The profile body, parsed by the core schema; a bad field answers 400 naming it. */
function parseProfile(body: unknown): CandidateProfile {
  const parsed = candidateProfileSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ValidationError(issue?.path.join('.') || '(root)', issue?.message ?? 'invalid profile');
}

/** The candidate named by `:id`, once the key may reach it (see assertCandidateAccess); else 404. */
export async function reachableCandidate(ctx: RouteContext, request: FastifyRequest) {
  const { id } = request.params as { id: string };
  assertCandidateAccess(request, id);
  return (await ctx.repos.candidates.getById(id)) ?? Promise.reject(notFound('candidate'));
}

export function candidateRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const candidate = (request: FastifyRequest) => reachableCandidate(ctx, request);
  const scoped = (summary: string, extra: Record<string, unknown>) => ({
    config: { access: CANDIDATE_ROUTES },
    schema: { tags: ['candidates'], summary, params: uuidParams, ...extra },
  });

  app.post('/candidates', {
    config: { access: ['operator'] },
    schema: { tags: ['candidates'], summary: 'Create a candidate from a profile', body: profileJsonSchema, response: withErrors({ 201: obj({ id: str }) }) },
  }, async (request, reply) => {
    const created = await ctx.repos.candidates.create(parseProfile(request.body));
    return reply.code(201).send({ id: created.id });
  });

  app.get('/candidates/:id/profile', scoped('The candidate profile', { response: withErrors({ 200: profileResponse }) }), async (request) => {
    const row = await candidate(request);
    return { id: row.id, profile: row.profile, updatedAt: row.updatedAt };
  });

  app.put('/candidates/:id/profile', scoped('Replace the candidate profile', { body: profileJsonSchema, response: withErrors({ 200: profileResponse }) }), async (request) => {
    const row = await candidate(request);
    const updated = await ctx.repos.candidates.updateProfile(row.id, parseProfile(request.body));
    if (!updated) throw notFound('candidate');
    return { id: updated.id, profile: updated.profile, updatedAt: updated.updatedAt };
  });

  app.get('/candidates/:id/matches', scoped('Open listings within the candidate\'s reach (place or remote, wanted role families, some standing on each required credential) ranked, each requirement explained', {
    querystring: { type: 'object', additionalProperties: false, properties: {
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, cursor: { type: 'string', minLength: 1, maxLength: 200 },
    } },
    response: withErrors({ 200: obj({ results: { type: 'array', items: matchSchema }, total: int, next: nullableStr }) }),
  }), async (request) => {
    const row = await candidate(request);
    const q = request.query as { limit: number; cursor?: string };
    try {
      const ranked = await rankReachable(row.profile, ctx.repos.plausibleListings, { limit: q.limit, cursor: q.cursor ?? null });
      return { results: ranked.results, total: ranked.total, next: ranked.nextCursor };
    } catch (error) {
      if (error instanceof RangeError) throw badRequest('cursor', 'cursor is not one this API issued');
      throw error;
    }
  });

  app.get('/candidates/:id/gaps', scoped('The next credential or degree that opens the most listings', {
    response: withErrors({ 200: obj({ gaps: { type: 'array', items: gapSchema } }) }),
  }), async (request) => {
    const { profile } = await candidate(request);
    return { gaps: gapAnalysis(profile, await ctx.repos.plausibleListings.forCandidate(gapFilter(profile))) };
  });

  app.get('/candidates/:id/alerts', scoped('Alerts queued or delivered for the candidate', {
    querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 } } },
    response: withErrors({ 200: obj({ alerts: { type: 'array', items: alertSchema } }) }),
  }), async (request) => {
    const row = await candidate(request);
    return { alerts: await ctx.ops.alertsForCandidate(row.id, (request.query as { limit: number }).limit) };
  });
}

