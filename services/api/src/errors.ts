import type { FastifyError, FastifyInstance } from 'fastify';
import { HimatchError, ValidationError } from '@himatch/core';

/** An HTTP answer with a stable code: 4xx say what to change, and retrying will not help. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(statusCode: number, code: string, message: string, field?: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.field = field;
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (field: string, message: string): HttpError => new HttpError(400, 'bad_request', message, field);

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: { additionalProperty?: string; missingProperty?: string };
}

/** The dotted field an Ajv issue is about: `minPay`, `config.baseUrl`, or the unknown key itself. */
export function fieldOf(issue: AjvIssue): string {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const extra = issue.params?.additionalProperty ?? issue.params?.missingProperty;
  if (extra) path.push(extra);
  return path.join('.') || '(root)';
}

function messageOf(issue: AjvIssue, field: string): string {
  if (issue.params?.additionalProperty) return `unknown field "${field}"`;
  return `${field} ${issue.message ?? 'is invalid'}`;
}

/** One error shape for every failure: `{ error, message, field?, requestId }`. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError | HimatchError, request, reply) => {
    const requestId = request.id;
    if ('validation' in error && error.validation) {
      const issue = error.validation[0] as AjvIssue;
      const field = fieldOf(issue);
      return reply.code(400).send({ error: 'bad_request', field, message: messageOf(issue, field), requestId });
    }
    if (error instanceof ValidationError) {
      return reply.code(400).send({ error: 'bad_request', field: error.field, message: error.message, requestId });
    }
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({ error: error.code, field: error.field, message: error.message, requestId });
    }
    const pgCode = (error as { code?: unknown }).code;
    if (pgCode === '23505') return reply.code(409).send({ error: 'conflict', message: 'already exists (a unique name or key)', requestId });
    // Invalid text representation / datetime: a value the schema let through but Postgres refuses.
    if (typeof pgCode === 'string' && /^22/.test(pgCode)) return reply.code(400).send({ error: 'bad_request', message: 'invalid value', requestId });
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : 'bad_request';
      return reply.code(status).send({ error: code, message: error.message, requestId });
    }
    request.log.error({ err: error }, 'request failed');
    // A dependency that is down (retryable) is a 503 worth retrying; anything else is our bug.
    if (error instanceof HimatchError && error.retryable) {
      return reply.code(503).send({ error: 'unavailable', message: `${error.code}: retry later`, requestId });
    }
    return reply.code(500).send({ error: 'internal', message: 'internal error', requestId });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id }),
  );
}
