// JSON schemas shared by the routes. Fastify validates requests with them (Ajv, unknown
// query keys rejected) and serializes responses with them; @fastify/swagger turns them into
// the OpenAPI document at /docs.

export const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    field: { type: 'string' },
    message: { type: 'string' },
    requestId: { type: 'string' },
  },
  required: ['error', 'message'],
} as const;

const ERROR_STATUSES = [400, 401, 403, 404, 409, 429] as const;

/** The error responses every authenticated route may give, next to its own 2xx schemas. */
export function withErrors<T extends Record<number, unknown>>(ok: T): T & Record<number, typeof errorSchema> {
  return { ...Object.fromEntries(ERROR_STATUSES.map((s) => [s, errorSchema])), ...ok };
}

export const uuidParams = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' } },
  required: ['id'],
  additionalProperties: false,
} as const;

export const emptyQuery = { type: 'object', properties: {}, additionalProperties: false } as const;

export const str = { type: 'string' } as const;
export const nullableStr = { type: ['string', 'null'] } as const;
export const int = { type: 'integer' } as const;
export const num = { type: 'number' } as const;
export const nullableNum = { type: ['number', 'null'] } as const;
export const nullableInt = { type: ['integer', 'null'] } as const;
export const bool = { type: 'boolean' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const strArray = { type: 'array', items: { type: 'string' } } as const;
export const anyObject = { type: 'object', additionalProperties: true } as const;

export function obj<P extends Record<string, unknown>>(properties: P, required: (keyof P & string)[] = Object.keys(properties)) {
  return { type: 'object', properties, required, additionalProperties: false } as const;
}

export function enumOf<T extends readonly string[]>(values: T) {
  return { type: 'string', enum: values } as const;
}

/** A query parameter that may repeat (`role=a&role=b`) or list values with commas (`role=a,b`). */
export function multi<T extends readonly string[]>(values?: T) {
  return { type: 'array', items: values ? { type: 'string', enum: values } : { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 50 } as const;
}
