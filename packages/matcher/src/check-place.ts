// Place: distance to the nearest location within the radius, or remote-region eligibility.
import { MET, UNKNOWN, UNMET, emit } from './context.ts';
import type { Status } from './context.ts';
import type { PreparedListing } from './prepare-listing.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { Check } from './types.ts';
import { haversineMiles } from './units.ts';

/** Miles to the nearest located site, or NaN when either side has no coordinates. */
export function nearestMiles(p: PreparedProfile, l: PreparedListing): number {
  if (!p.hasHome || l.coords.length === 0) return NaN;
  let best = Infinity;
  const c = l.coords;
  for (let i = 0; i < c.length; i += 3) {
    const d = haversineMiles(p.homeLat, p.homeLon, p.homeCos, c[i]!, c[i + 1]!, c[i + 2]!);
    if (d < best) best = d;
  }
  return best;
}

/**
 * A remote posting is open to the home region when it does not exclude that region and names
 * no regions or names that one ("unable to hire in CA" closes it to a Californian).
 */
export function remoteOpenTo(p: PreparedProfile, l: PreparedListing): Status {
  if (p.region !== null && l.remoteExcluded.has(p.region)) return UNMET;
  if (l.remoteRegions.size === 0) return l.remoteExcluded.size > 0 && p.region === null ? UNKNOWN : MET;
  if (p.region === null) return UNKNOWN;
  return l.remoteRegions.has(p.region) || l.remoteRegions.has('US') ? MET : UNMET;
}

export function checkLocation(p: PreparedProfile, l: PreparedListing, miles: number, out: Check[] | null): Status {
  if (l.isRemote) {
    const status = remoteOpenTo(p, l);
    if (out) {
      const regions = [...l.remoteRegions].join(', ');
      const excluded = [...l.remoteExcluded].join(', ');
      const excludesHome = p.region !== null && l.remoteExcluded.has(p.region);
      const detail = excludesHome ? `remote, but not open to residents of ${p.region}`
        : status === MET ? `remote${regions ? `, open to ${p.region}` : ''}`
          : status === UNKNOWN ? (regions ? `remote for ${regions}; home state not shown` : `remote except ${excluded}; home state not shown`)
            : `remote only for ${regions}; home is ${p.region}`;
      const evidence = regions ? `Remote (${regions})` : excluded ? `Remote (not ${excluded})` : 'Remote';
      emit(out, 'location', status, evidence, detail, true);
    }
    return status;
  }
  const status: Status = Number.isNaN(miles) ? UNKNOWN : miles <= p.radiusMiles ? MET : UNMET;
  if (out) emit(out, 'location', status, l.locationLabel, describeDistance(p, l, miles, status), true);
  return status;
}

function describeDistance(p: PreparedProfile, l: PreparedListing, miles: number, status: Status): string {
  if (status === UNKNOWN) {
    const sameRegion = p.region !== null && l.regions.has(p.region);
    return `distance unknown${sameRegion ? ` (same state, ${p.region})` : ''}`;
  }
  const mi = Math.round(miles);
  return status === MET ? `${mi} mi away` : `${mi} mi away, beyond the ${p.profile.radiusMiles} mi radius`;
}
