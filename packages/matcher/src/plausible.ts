// The candidate side of forward matching at scale: what a Postgres pre-filter needs to keep
// every listing the candidate could be anything but ineligible for (place, credentials) in the
// role families they want, so only that share of a million listings is loaded and ranked.
import { ROLES, ROLE_IDS } from '@himatch/core';
import type { CandidateProfile, PlausibleFilter } from '@himatch/core';
import { ALIASES, credentialName } from './catalog.ts';
import { NONE, prepareProfile } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { MatchOptions } from './types.ts';

const MILES_PER_DEGREE = 69;

function wantedRoles(p: PreparedProfile): string[] | null {
  if (p.desiredFamilies.size === 0) return null;
  return ROLE_IDS.filter((role) => p.desiredFamilies.has(ROLES[role].family));
}

function standingNames(p: PreparedProfile): string[] {
  const names = new Set<string>();
  p.standing.forEach((level, k) => {
    if (level > NONE) names.add(credentialName(k));
  });
  for (const [alias, id] of Object.entries(ALIASES)) if (names.has(id)) names.add(alias);
  return [...names].sort();
}

function radiusBox(profile: CandidateProfile): PlausibleFilter['box'] {
  const home = profile.home;
  if (!home || home.lat === null || home.lon === null) return null;
  // A slightly larger box than the circle: the matcher applies the exact distance.
  const dLat = (profile.radiusMiles + 1) / MILES_PER_DEGREE;
  const dLon = (profile.radiusMiles + 1) / (MILES_PER_DEGREE * Math.max(0.05, Math.cos((home.lat * Math.PI) / 180)));
  return { latMin: home.lat - dLat, latMax: home.lat + dLat, lonMin: home.lon - dLon, lonMax: home.lon + dLon };
}

export function plausibleFilter(profile: CandidateProfile | PreparedProfile, opts: MatchOptions & { remoteLimit?: number } = {}): PlausibleFilter {
  const p = 'standing' in profile ? profile : prepareProfile(profile, opts);
  return {
    roles: wantedRoles(p),
    credentials: standingNames(p),
    box: radiusBox(p.profile),
    region: p.region,
    remote: p.profile.workModes.includes('remote'),
    remoteLimit: opts.remoteLimit ?? 2000,
  };
}

/**
 * Remote listings are many: gap analysis counts the newest this many open to the home state
 * (forward ranking reads 2,000).
 */
export const GAP_REMOTE_LIMIT = 20_000;

/**
 * The listings gap analysis judges: the candidate's reach and wanted role families, whatever
 * credentials they require (a credential step is what may open them). A superset of the
 * listings `gapAnalysis` counts as in the area, remote ones cut to the newest GAP_REMOTE_LIMIT.
 */
export function gapFilter(profile: CandidateProfile | PreparedProfile, opts: MatchOptions & { remoteLimit?: number } = {}): PlausibleFilter {
  return { ...plausibleFilter(profile, opts), credentials: null, remoteLimit: opts.remoteLimit ?? GAP_REMOTE_LIMIT };
}
