import type { FastifyInstance } from 'fastify';
import { API_KEY_ROLES, generateApiKey, type ApiKeyRoleName } from '@himatch/core';
import type { RouteContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { dateTime, enumOf, nullableDateTime, nullableStr, obj, str, uuidParams, withErrors } from '../schemas.ts';

const OPERATORS = ['operator'] as const;

export function keyRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/keys', {
    config: { access: OPERATORS },
    schema: {
      tags: ['operators'], summary: 'Create an API key; the key is returned once and only its hash is stored',
      body: {
        type: 'object', additionalProperties: false, required: ['role'],
        properties: {
          role: enumOf(API_KEY_ROLES),
          candidateId: { type: 'string', format: 'uuid' },
          label: { type: 'string', maxLength: 100, pattern: '^[^<>]*$' },
        },
      },
      response: withErrors({ 201: obj({ id: str, key: str, prefix: str, role: str, candidateId: nullableStr, label: nullableStr, createdAt: dateTime }) }),
    },
  }, async (request, reply) => {
    const body = request.body as { role: ApiKeyRoleName; candidateId?: string; label?: string };
    if (body.role === 'candidate' && !body.candidateId) throw badRequest('candidateId', 'a candidate key needs candidateId');
    if (body.role !== 'candidate' && body.candidateId) throw badRequest('candidateId', 'only candidate keys belong to a candidate');
    if (body.candidateId && !(await ctx.repos.candidates.getById(body.candidateId))) throw badRequest('candidateId', 'no such candidate');
    const generated = generateApiKey();
    const created = await ctx.repos.apiKeys.create({
      prefix: generated.prefix, hash: generated.hash, role: body.role, candidateId: body.candidateId ?? null, label: body.label ?? null,
    });
    return reply.code(201).send({ ...created, key: generated.key });
  });

  app.get('/keys', {
    config: { access: OPERATORS },
    schema: {
      tags: ['operators'], summary: 'Every key (prefix, role, state), never the secret',
      response: withErrors({ 200: obj({ keys: { type: 'array', items: obj({
        id: str, prefix: str, role: str, candidateId: nullableStr, label: nullableStr, createdAt: dateTime, revokedAt: nullableDateTime, lastUsedAt: nullableDateTime,
      }) } }) }),
    },
  }, async () => ({ keys: await ctx.repos.apiKeys.list() }));

  app.delete('/keys/:id', {
    config: { access: OPERATORS },
    schema: { tags: ['operators'], summary: 'Revoke a key (it answers 401 from now on)', params: uuidParams, response: withErrors({ 204: { type: 'null' } }) },
  }, async (request, reply) => {
    if (!(await ctx.repos.apiKeys.revoke((request.params as { id: string }).id))) throw notFound('active key');
    return reply.code(204).send();
  });
}
