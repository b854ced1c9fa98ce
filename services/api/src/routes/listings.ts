import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { listingsToCsv } from '../csv.ts';
import { answerListings, filterProperties, listingsQuerySchema, sortOf, toFilter, type FilterQuery, type ListingsQuery } from '../listing-query.ts';
import { uuidParams, withErrors } from '../schemas.ts';
import { listingDetailSchema, listingsPageSchema } from './listing-schemas.ts';

const RECRUITERS = ['recruiter', 'operator'] as const;
const CSV_MAX_ROWS = 100_000;

export function listingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/listings', {
    config: { access: RECRUITERS },
    schema: {
      tags: ['recruiters'], summary: 'Search listings: full text, filters, facets, keyset pages',
      querystring: listingsQuerySchema, response: withErrors({ 200: listingsPageSchema }),
    },
  }, async (request) => {
    const query = request.query as ListingsQuery;
    const { items, next, facets, facetScope } = await answerListings(ctx.search, query,
      (filter, names) => ctx.facetCache.get(JSON.stringify([filter, names]), () => ctx.search.facets(filter, names)));
    return { items, next, ...(facets ? { facets, facetScope } : {}) };
  });

  app.get('/listings.csv', {
    config: { access: RECRUITERS },
    schema: {
      tags: ['recruiters'], summary: 'The same search as CSV, streamed (cells are escaped against formula injection)',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { ...filterProperties, max: { type: 'integer', minimum: 1, maximum: CSV_MAX_ROWS, default: 10_000 } },
      },
      produces: ['text/csv'],
      response: withErrors({ 200: { description: 'CSV, one listing a row', type: 'string' } }),
    },
  }, async (request, reply) => {
    const query = request.query as FilterQuery & { max: number };
    const filter = toFilter(query);
    const sort = sortOf(query);
    const stream = Readable.from(listingsToCsv(ctx.search, filter, sort, query.max));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="listings.csv"').send(stream);
  });

  app.get('/listings/:id', {
    config: { access: RECRUITERS },
    schema: {
      tags: ['recruiters'], summary: 'One listing with its duplicate cluster and every apply link',
      params: uuidParams, response: withErrors({ 200: listingDetailSchema }),
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const listing = await ctx.repos.listings.getById(id);
    if (!listing) throw notFound('listing');
    const cluster = listing.clusterId ? await ctx.repos.clusters.getById(listing.clusterId) : undefined;
    return {
      listing,
      cluster: cluster
        ? { id: cluster.id, listingCount: cluster.listingCount, applyUrls: cluster.applyUrls, listings: await ctx.search.clusterMembers(cluster.id) }
        : null,
    };
  });
}
