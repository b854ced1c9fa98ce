// A candidate's saved searches: filters whose new matching listings alert the candidate (the
// matcher reads them with @himatch/matcher parseSavedSearch). The filters take the names and
// values of GET /listings, so a search tried there can be saved as is.
import type { FastifyInstance } from 'fastify';
import { CREDENTIAL_IDS } from '@himatch/core';
import type { SavedSearchRow } from '@himatch/db';
import type { RouteContext } from '../context.ts';
import { HOURS_PER_YEAR, filterProperties } from '../listing-query.ts';
import { HttpError, badRequest, notFound } from '../errors.ts';
import { dateTime, int, multi, obj, str, uuidParams, withErrors } from '../schemas.ts';
import { CANDIDATE_ROUTES, reachableCandidate } from './candidates.ts';

/** Each search is checked against every new listing, so one candidate keeps a bounded number. */
export const MAX_SAVED_SEARCHES = 50;

/** The filters savedSearchMatches understands, spelled as in GET /listings. */
const filterSchema = {
  role: { ...filterProperties.role, description: 'any of these roles' },
  credential: { ...multi(CREDENTIAL_IDS), description: 'any of these credentials, required or preferred (as credentialMode=accepted)' },
  state: { ...filterProperties.state, description: 'a site in, or remote work allowed from, any of these states' },
  remote: { type: 'boolean', description: 'true: remote listings only; false: on-site and hybrid only' },
  minPay: { ...filterProperties.minPay, description: 'in payPeriod units; stored annual (hourly x 2080)' },
} as const;

const querySchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...filterSchema, payPeriod: filterProperties.payPeriod },
} as const;

const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'query'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^<>]*\\S[^<>]*$' },
    query: querySchema,
  },
} as const;

/** Stored rows may predate this API (other spellings), so extra keys are passed through. */
const searchSchema = obj({ id: str, name: str, query: { type: 'object', properties: filterSchema, additionalProperties: true }, createdAt: dateTime });

const searchParams = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, searchId: { type: 'string', format: 'uuid' } },
  required: ['id', 'searchId'],
  additionalProperties: false,
} as const;

interface SavedQueryInput {
  role?: string[]; credential?: string[]; state?: string[]; remote?: boolean; minPay?: number; payPeriod?: 'hour' | 'year';
}

const unique = (values: string[] | undefined): string[] | undefined => (values && values.length > 0 ? [...new Set(values)] : undefined);

/** The stored form: only the filters given, pay annual (what parseSavedSearch reads as minPay). */
export function toStoredQuery(q: SavedQueryInput): Record<string, unknown> {
  const stored: Record<string, unknown> = {
    role: unique(q.role),
    credential: unique(q.credential),
    state: unique(q.state),
    remote: q.remote,
    minPay: q.minPay === undefined ? undefined : q.payPeriod === 'hour' ? q.minPay * HOURS_PER_YEAR : q.minPay,
  };
  for (const key of Object.keys(stored)) if (stored[key] === undefined) delete stored[key];
  if (Object.keys(stored).length === 0) throw badRequest('query', 'a saved search needs at least one filter (role, credential, state, remote or minPay)');
  return stored;
}

const view = (row: SavedSearchRow) => ({ id: row.id, name: row.name, query: row.query, createdAt: row.createdAt });

export function savedSearchRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const scoped = (summary: string, extra: Record<string, unknown>) => ({
    config: { access: CANDIDATE_ROUTES },
    schema: { tags: ['candidates'], summary, ...extra },
  });

  app.get('/candidates/:id/saved-searches', scoped('The candidate\'s saved searches (new listings matching one alert the candidate)', {
    params: uuidParams,
    response: withErrors({ 200: obj({ searches: { type: 'array', items: searchSchema }, max: int }) }),
  }), async (request) => {
    const candidate = await reachableCandidate(ctx, request);
    return { searches: (await ctx.repos.savedSearches.listForCandidate(candidate.id)).map(view), max: MAX_SAVED_SEARCHES };
  });

  app.post('/candidates/:id/saved-searches', scoped(`Save a search (at most ${MAX_SAVED_SEARCHES} per candidate)`, {
    params: uuidParams, body: createBody, response: withErrors({ 201: searchSchema }),
  }), async (request, reply) => {
    const candidate = await reachableCandidate(ctx, request);
    const body = request.body as { name: string; query: SavedQueryInput };
    const query = toStoredQuery(body.query);
    // Candidate-owned: the creating key is not recorded, so the search outlives the key.
    const created = await ctx.repos.savedSearches.createForCandidate({ candidateId: candidate.id, ownerKeyId: null, name: body.name.trim(), query }, MAX_SAVED_SEARCHES);
    if (!created) throw new HttpError(409, 'limit_reached', `a candidate keeps at most ${MAX_SAVED_SEARCHES} saved searches; delete one first`);
    return reply.code(201).send(view(created));
  });

  app.delete('/candidates/:id/saved-searches/:searchId', scoped('Delete a saved search', {
    params: searchParams, response: withErrors({ 204: { type: 'null' } }),
  }), async (request, reply) => {
    const candidate = await reachableCandidate(ctx, request);
    const { searchId } = request.params as { searchId: string };
    if (!(await ctx.repos.savedSearches.deleteForCandidate(candidate.id, searchId))) throw notFound('saved search');
    return reply.code(204).send();
  });
}
