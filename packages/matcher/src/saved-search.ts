// Saved searches: simple filters a candidate keeps (role, credential, state, remote, minimum
// pay). A new listing that passes one alerts the search's owner, when the owner is not
// ineligible for it. Semantics follow the listing search (GET /listings).
import type { Listing } from '@himatch/core';

export interface SavedSearchQuery {
  roles: string[];
  credentials: string[];
  states: string[];
  remote: boolean | null;
  minAnnualPay: number | null;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** Reads a stored query leniently (role|roles, credential|credentials, state|states|region, remote, minPay|minAnnualPay). */
export function parseSavedSearch(query: unknown): SavedSearchQuery {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const pay = q.minAnnualPay ?? q.minPay;
  return {
    roles: list(q.roles ?? q.role),
    credentials: list(q.credentials ?? q.credential).map((c) => c.toUpperCase()),
    states: list(q.states ?? q.state ?? q.region).map((s) => s.toUpperCase()),
    remote: typeof q.remote === 'boolean' ? q.remote : null,
    minAnnualPay: typeof pay === 'number' && Number.isFinite(pay) ? pay : null,
  };
}

function statesOf(listing: Listing): Set<string> {
  const states = new Set(listing.locations.map((l) => l.region?.toUpperCase()).filter((r): r is string => !!r));
  for (const r of listing.remoteEligibleRegions) states.add(r.toUpperCase());
  return states;
}

export function savedSearchMatches(listing: Listing, q: SavedSearchQuery): boolean {
  if (q.roles.length > 0 && (listing.role === null || !q.roles.includes(listing.role))) return false;
  if (q.credentials.length > 0) {
    const asked = new Set([...listing.credentials.required, ...listing.credentials.preferred].flatMap((g) => g.anyOf));
    if (!q.credentials.some((c) => asked.has(c))) return false;
  }
  if (q.states.length > 0) {
    const states = statesOf(listing);
    if (!q.states.some((s) => states.has(s))) return false;
  }
  if (q.remote !== null && (listing.workMode === 'remote') !== q.remote) return false;
  if (q.minAnnualPay !== null) {
    const best = listing.salary?.annualMax ?? listing.salary?.annualMin ?? null;
    if (best === null || best < q.minAnnualPay) return false;
  }
  return true;
}
