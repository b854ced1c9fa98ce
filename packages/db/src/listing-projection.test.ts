import { describe, expect, it } from 'vitest';
import { makeListing } from '@himatch/testing';
import { projectListing } from './listing-projection.ts';

describe('projectListing', () => {
  it('flattens credentials, places and federal fields', () => {
    const p = projectListing(makeListing({
      credentials: {
        required: [{ anyOf: ['CCS', 'RHIT'], eligibleAccepted: false, withinMonths: 6, evidence: null }, { anyOf: ['RHIT'], eligibleAccepted: false, withinMonths: null, evidence: null }],
        preferred: [{ anyOf: ['CDIP'], eligibleAccepted: false, withinMonths: null, evidence: null }],
      },
      locations: [
        { city: 'Boise', region: 'ID', postalCode: null, country: 'US', lat: 43.6, lon: -116.2 },
        { city: 'Reno', region: 'NV', postalCode: null, country: 'US', lat: null, lon: null },
        { city: 'Nampa', region: 'ID', postalCode: null, country: 'US', lat: null, lon: null },
      ],
      federal: { series: ['0675'], payPlan: 'GS', gradeLow: 5, gradeHigh: 7, title32: false, militaryMembershipRequired: false, whoMayApply: ['public'] },
      postedAt: 'not a date',
    }));
    expect(p).toMatchObject({
      requiredCredentials: ['CCS', 'RHIT'],
      acceptedCredentials: ['CCS', 'CDIP', 'RHIT'],
      region: 'ID', regions: ['ID', 'NV'], lat: 43.6, lon: -116.2,
      federalSeries: ['0675'], federalGradeLow: 5, federalGradeHigh: 7,
      postedAt: null,
    });
  });

  it('leaves unknowns null', () => {
    const p = projectListing(makeListing({ salary: null, locations: [], federal: null }));
    expect(p).toMatchObject({ salaryAnnualMin: null, salaryAnnualMax: null, region: null, regions: [], lat: null, federalSeries: [], federalGradeLow: null });
  });
});
