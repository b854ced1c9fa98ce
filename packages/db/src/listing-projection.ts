import type { CredentialGroup, Listing } from '@himatch/core';

/** The columns copied out of a Listing document so SQL can filter and sort on them. */
export interface ListingProjection {
  title: string;
  employer: string | null;
  role: string | null;
  isHit: boolean;
  workMode: string;
  employmentType: string;
  minEducation: string;
  requiredCredentials: string[];
  acceptedCredentials: string[];
  salaryAnnualMin: number | null;
  salaryAnnualMax: number | null;
  region: string | null;
  regions: string[];
  remoteRegions: string[];
  /** States a remote posting cannot hire in. */
  remoteExcludedRegions: string[];
  lat: number | null;
  lon: number | null;
  /** Sites with coordinates. */
  siteCount: number;
  /**
   * Each located site's half-degree cell (siteCell) when the first site does not stand for them
   * all (several located sites, or one that is not the first); else empty.
   */
  siteCells: number[];
  federalSeries: string[];
  federalGradeLow: number | null;
  federalGradeHigh: number | null;
  postedAt: Date | null;
  closesAt: Date | null;
}

function credentialIds(groups: readonly CredentialGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.anyOf))].sort();
}

/** An unparseable date must not fail the whole row; it just is not sortable. */
function toDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A site's half-degree cell (about 35 by 28 miles at 40°N), as listing_open_cell_idx and
 * listing_open_sites_idx key it: floor(lat * 2) * 1000 + floor(lon * 2), computed alike here
 * and in Postgres (doubling a double is exact, so both floor the same value).
 */
export function siteCell(lat: number, lon: number): number {
  return Math.floor(lat * 2) * 1000 + Math.floor(lon * 2);
}

export function projectListing(listing: Listing): ListingProjection {
  const required = credentialIds(listing.credentials.required);
  const first = listing.locations[0];
  const located = listing.locations.filter((l) => l.lat !== null && l.lon !== null);
  const regions = [...new Set(listing.locations.flatMap((l) => (l.region ? [l.region] : [])))];
  return {
    title: listing.title,
    employer: listing.employer,
    role: listing.role,
    isHit: listing.isHit,
    workMode: listing.workMode,
    employmentType: listing.employmentType,
    minEducation: listing.education.minLevel,
    requiredCredentials: required,
    acceptedCredentials: credentialIds([...listing.credentials.required, ...listing.credentials.preferred]),
    salaryAnnualMin: listing.salary?.annualMin ?? null,
    salaryAnnualMax: listing.salary?.annualMax ?? null,
    region: first?.region ?? null,
    regions,
    remoteRegions: [...listing.remoteEligibleRegions],
    remoteExcludedRegions: [...(listing.remoteExcludedRegions ?? [])],
    lat: first?.lat ?? null,
    lon: first?.lon ?? null,
    siteCount: located.length,
    siteCells: located.length > 1 || (located.length === 1 && located[0] !== first)
      ? [...new Set(located.map((l) => siteCell(l.lat!, l.lon!)))].sort((a, b) => a - b) : [],
    federalSeries: listing.federal?.series ?? [],
    federalGradeLow: listing.federal?.gradeLow ?? null,
    federalGradeHigh: listing.federal?.gradeHigh ?? null,
    postedAt: toDate(listing.postedAt),
    closesAt: toDate(listing.closesAt),
  };
}
