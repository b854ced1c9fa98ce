import { describe, expect, it } from 'vitest';
import { makeListing } from '@himatch/testing';
import { projectListing, siteCell } from './listing-projection.ts';

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
      region: 'ID', regions: ['ID', 'NV'], lat: 43.6, lon: -116.2, siteCount: 1, siteCells: [],
      federalSeries: ['0675'], federalGradeLow: 5, federalGradeHigh: 7,
      postedAt: null,
    });
  });

  it('leaves unknowns null', () => {
    const p = projectListing(makeListing({ salary: null, locations: [], federal: null }));
    expect(p).toMatchObject({ salaryAnnualMin: null, salaryAnnualMax: null, region: null, regions: [], lat: null, federalSeries: [], federalGradeLow: null });
  });

  it('counts located sites and keys each one\'s half-degree cell when there are several', () => {
    const site = (lat: number | null, lon: number | null) => ({ city: null, region: 'MA', postalCode: null, country: 'US', lat, lon });
    const p = projectListing(makeListing({ locations: [site(42.36, -71.06), site(null, null), site(42.26, -71.8), site(42.4, -71.2)] }));
    // Boston and Waltham share a cell; Worcester (42.26, -71.8) lies in the next one west.
    expect(p).toMatchObject({ lat: 42.36, lon: -71.06, siteCount: 3, siteCells: [84 * 1000 - 144, 84 * 1000 - 143] });
    // One located site that is not the first: the first site's columns do not place it.
    expect(projectListing(makeListing({ locations: [site(null, null), site(42.26, -71.8)] }))).toMatchObject({ lat: null, siteCount: 1, siteCells: [84 * 1000 - 144] });
    expect(siteCell(-33.87, 151.21)).toBe(-68 * 1000 + 302);
    expect(siteCell(0, -0.1)).toBe(-1);
  });
});
