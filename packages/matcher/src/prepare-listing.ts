// A listing's requirement structure, computed once and cached per listing object, so that
// ranking, gap analysis and reverse matching never re-parse it.
import { ROLES, educationRank } from '@himatch/core';
import type { CredentialGroup, Listing, WhoMayApply } from '@himatch/core';
import { credentialIndices, specialtyTag } from './catalog.ts';
import { toRadians } from './units.ts';

export type ListingWithId = Listing & { id: string };

export interface PreparedGroup {
  readonly ids: Uint8Array;
  readonly group: CredentialGroup;
  /** The posting's words, or a stand-in built from the ids when the normalizer kept none. */
  readonly label: string;
}

export type GuardBranch = 'air' | 'army' | null;

export interface PreparedListing {
  readonly id: string;
  readonly listing: ListingWithId;
  readonly required: readonly PreparedGroup[];
  readonly preferred: readonly PreparedGroup[];
  /** -2 nothing asked, -1 unknown, else the rank of the minimum level. */
  readonly eduMinRank: number;
  readonly eduFields: ReadonlySet<string>;
  readonly expMinYears: number;
  /** Tags the years must come from; empty when the posting names none and has no role. */
  readonly expTags: readonly string[];
  readonly expLabel: string;
  readonly family: string | null;
  readonly militaryRequired: boolean;
  readonly guardBranch: GuardBranch;
  readonly whoMayApply: readonly WhoMayApply[];
  /** [latRad, lonRad, cosLat] per location with coordinates. */
  readonly coords: Float64Array;
  readonly locationLabel: string | null;
  readonly regions: ReadonlySet<string>;
  readonly isRemote: boolean;
  readonly remoteRegions: ReadonlySet<string>;
  /** States a remote posting cannot hire in. */
  readonly remoteExcluded: ReadonlySet<string>;
  readonly annualMin: number;
  readonly annualMax: number;
  readonly postedMs: number;
  readonly skills: readonly string[];
  readonly role: string | null;
  readonly employmentType: string;
  readonly workMode: string;
}

const cache = new WeakMap<object, PreparedListing>();

function prepareGroup(group: CredentialGroup, required: boolean): PreparedGroup {
  const ids = [...new Set(group.anyOf.flatMap(credentialIndices))];
  const label = group.evidence ?? `${group.anyOf.join(' or ')} ${required ? 'required' : 'preferred'}`;
  return { ids: Uint8Array.from(ids), group, label };
}

// Title 32 postings name the component in the title, employer or text; "ANG" alone is an abbreviation we accept.
const AIR_GUARD = /air national guard|\bANG\b|air guard|\bwing\b/i;
const ARMY_GUARD = /army national guard|\bARNG\b|army guard/i;
const GUARD_WORDS = new RegExp(`${AIR_GUARD.source}|${ARMY_GUARD.source}`, 'gi');
const GUARD_TEXT_LIMIT = 20_000;

function guardBranch(listing: Listing): GuardBranch {
  const text = `${listing.title}\n${listing.employer ?? ''}\n${listing.descriptionText.slice(0, GUARD_TEXT_LIMIT)}`;
  const air = AIR_GUARD.test(text);
  const army = ARMY_GUARD.test(text);
  if (air === army) return null;
  return air ? 'air' : 'army';
}

/**
 * The listing as ranking reads it, stored beside the full document so that forward matching
 * transfers and parses far less (`listing.match_doc`): the HTML and the normalizer's relevance
 * reasons are dropped and the text is cut to the guard words it contains, the only thing any
 * check reads from it. Ranking and explaining it give exactly what the full listing gives.
 */
export function matchDocument(listing: Listing): Listing {
  const words = listing.descriptionText.slice(0, GUARD_TEXT_LIMIT).match(GUARD_WORDS) ?? [];
  return { ...listing, descriptionHtml: '', relevanceReasons: [], descriptionText: words.join(' . ') };
}

function experienceTags(listing: Listing): { tags: string[]; label: string } {
  const tags = [...new Set(listing.experience.specialties.map(specialtyTag).filter((tag): tag is string => tag !== null))];
  if (tags.length > 0) return { tags, label: tags.join(' or ') };
  const family = listing.role ? ROLES[listing.role].family : null;
  return family ? { tags: [family], label: family } : { tags: [], label: 'any' };
}

function coordinates(listing: Listing): Float64Array {
  const located = listing.locations.filter((loc) => loc.lat !== null && loc.lon !== null);
  const out = new Float64Array(located.length * 3);
  located.forEach((loc, i) => {
    const lat = toRadians(loc.lat!);
    out[i * 3] = lat;
    out[i * 3 + 1] = toRadians(loc.lon!);
    out[i * 3 + 2] = Math.cos(lat);
  });
  return out;
}

function locationLabel(listing: Listing): string | null {
  const first = listing.locations[0];
  if (!first) return null;
  const text = [first.city, first.region].filter(Boolean).join(', ');
  return text || null;
}

function educationMinRank(listing: Listing): number {
  const edu = listing.education;
  if (edu.minLevel === 'unknown') return -1;
  if (edu.minLevel === 'none' && !edu.cahiimRequired && edu.fields.length === 0) return -2;
  return educationRank(edu.minLevel);
}

export function prepareListing(listing: ListingWithId): PreparedListing {
  const hit = cache.get(listing);
  if (hit) return hit;
  const exp = experienceTags(listing);
  const federal = listing.federal;
  const militaryRequired = federal !== null && (federal.militaryMembershipRequired || federal.title32);
  const prepared: PreparedListing = {
    id: listing.id,
    listing,
    required: listing.credentials.required.map((g) => prepareGroup(g, true)),
    preferred: listing.credentials.preferred.map((g) => prepareGroup(g, false)),
    eduMinRank: educationMinRank(listing),
    eduFields: new Set(listing.education.fields.map((f) => f.toLowerCase())),
    expMinYears: listing.experience.minYears ?? 0,
    expTags: exp.tags,
    expLabel: exp.label,
    family: listing.role ? ROLES[listing.role].family : null,
    militaryRequired,
    guardBranch: militaryRequired ? guardBranch(listing) : null,
    whoMayApply: federal?.whoMayApply ?? [],
    coords: coordinates(listing),
    locationLabel: locationLabel(listing),
    regions: new Set(listing.locations.map((loc) => loc.region?.toUpperCase()).filter((r): r is string => !!r)),
    isRemote: listing.workMode === 'remote',
    remoteRegions: new Set(listing.remoteEligibleRegions.map((r) => r.toUpperCase())),
    remoteExcluded: new Set((listing.remoteExcludedRegions ?? []).map((r) => r.toUpperCase())),
    annualMin: listing.salary?.annualMin ?? listing.salary?.annualMax ?? NaN,
    annualMax: listing.salary?.annualMax ?? listing.salary?.annualMin ?? NaN,
    postedMs: listing.postedAt ? Date.parse(listing.postedAt) : NaN,
    skills: listing.skills.map((s) => s.trim().toLowerCase()),
    role: listing.role,
    employmentType: listing.employmentType,
    workMode: listing.workMode,
  };
  cache.set(listing, prepared);
  return prepared;
}
