import { FACETS, FACET_READ_BUDGET, FACET_WINDOW } from '@himatch/db';
import { anyObject, dateTime, int, nullableDateTime, nullableInt, nullableNum, nullableStr, obj, str, strArray } from '../schemas.ts';

export const listingSummarySchema = obj({
  id: str, sourceId: str, title: str, employer: nullableStr, role: nullableStr, workMode: str, employmentType: str,
  minEducation: str, requiredCredentials: strArray, acceptedCredentials: strArray, salaryAnnualMin: nullableNum,
  salaryAnnualMax: nullableNum, region: nullableStr, regions: strArray, remoteRegions: strArray, remoteExcludedRegions: strArray, federalSeries: strArray,
  federalGradeLow: nullableInt, federalGradeHigh: nullableInt, postedAt: nullableDateTime, closesAt: nullableDateTime,
  status: str, clusterId: nullableStr, applyUrl: nullableStr,
});

const facetValues = { type: 'array', items: obj({ value: str, count: int }) } as const;

export const listingsPageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: listingSummarySchema },
    next: { ...nullableStr, description: 'pass as cursor for the next page; null on the last page' },
    facets: { type: 'object', properties: Object.fromEntries(FACETS.map((f) => [f, facetValues])), additionalProperties: false },
    facetScope: {
      ...obj({ scanned: int, capped: { type: 'boolean' } }),
      description: `facets count the ${FACET_WINDOW.toLocaleString('en-US')} newest matches (scanned: how many); a text query reads at most the ${FACET_READ_BUDGET.toLocaleString('en-US')} newest listings its other filters keep to find them; capped says more listings may match than were counted`,
    },
  },
  required: ['items', 'next'],
  additionalProperties: false,
} as const;

const clusterMemberSchema = obj({
  id: str, title: str, employer: nullableStr, status: str, sourceId: str, sourceName: str, postedAt: nullableDateTime,
  sourceUrl: nullableStr, applyUrls: strArray,
});

export const listingDetailSchema = obj({
  listing: obj({
    id: str, sourceId: str, externalId: str, status: str, closedReason: nullableStr, clusterId: nullableStr,
    firstSeenAt: dateTime, lastSeenAt: dateTime, data: anyObject,
  }),
  cluster: {
    type: ['object', 'null'],
    properties: { id: str, listingCount: int, applyUrls: strArray, listings: { type: 'array', items: clusterMemberSchema } },
    required: ['id', 'listingCount', 'applyUrls', 'listings'],
    additionalProperties: false,
  },
});
