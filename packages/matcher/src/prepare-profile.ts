// Everything the matcher needs from a profile, computed once per profile so the per-listing
// loop only does array and set lookups.
import { ELIGIBILITY_GATES, ROLES, educationRank } from '@himatch/core';
import type { CandidateProfile, CredentialId, EducationEntry } from '@himatch/core';
import { CRED_COUNT, GENERIC_AREAS, RULES_BY_HELD, areaTags, credentialIndex } from './catalog.ts';
import { DEFAULT_TUNING } from './types.ts';
import type { Tuning } from './types.ts';
import { annualize, toRadians } from './units.ts';

/** How the candidate stands toward one asked credential; higher is better. */
export const NONE = 0;
export const IN_PROGRESS = 1;
export const ELIGIBLE = 2;
export const PARTIAL_HELD = 3;
export const HELD = 4;
/** `via` value meaning "eligible through the education gate". */
export const VIA_EDUCATION = 255;

interface ExperienceEntryTags { tags: ReadonlySet<string>; years: number; generic: boolean }

export interface PreparedProfile {
  readonly profile: CandidateProfile;
  readonly standing: Uint8Array;
  readonly via: Uint8Array;
  /** Rank of the highest completed education level, -1 when none is shown. */
  readonly highestRank: number;
  readonly completedEducation: readonly EducationEntry[];
  readonly experience: readonly ExperienceEntryTags[];
  readonly yearsCache: Map<string, number>;
  readonly hasHome: boolean;
  readonly homeLat: number;
  readonly homeLon: number;
  readonly homeCos: number;
  readonly region: string | null;
  readonly payFloorAnnual: number;
  readonly desiredRoles: ReadonlySet<string>;
  readonly desiredFamilies: ReadonlySet<string>;
  readonly skills: ReadonlySet<string>;
  readonly isGuardMember: boolean;
  // Copied out of the profile: the hot loops read these for every pair.
  readonly radiusMiles: number;
  readonly employmentTypes: readonly string[];
  readonly workModes: readonly string[];
  readonly alertThreshold: number;
}

const HIM_FIELDS = new Set(['him', 'hit']);

/** Does the education pass a credential's exam gate (CAHIIM HIM/HIT program, completed or final term)? */
export function passesGate(profile: CandidateProfile, id: CredentialId, nowMs: number, tuning: Tuning): boolean {
  const gate = ELIGIBILITY_GATES[id];
  if (!gate) return false;
  const horizon = nowMs + tuning.finalTermMonths * 30.44 * 86_400_000;
  return profile.education.some((entry) => {
    if (educationRank(entry.level) < educationRank(gate.minLevel)) return false;
    if (gate.cahiim && !entry.cahiimAccredited) return false;
    if (!HIM_FIELDS.has(entry.field)) return false;
    if (entry.completed) return true;
    const expected = entry.date === null ? NaN : Date.parse(entry.date);
    return Number.isFinite(expected) && expected <= horizon;
  });
}

function raise(standing: Uint8Array, via: Uint8Array, asked: number, level: number, from: number): void {
  if (level > standing[asked]!) {
    standing[asked] = level;
    via[asked] = from;
  }
}

function credentialStanding(profile: CandidateProfile, nowMs: number, tuning: Tuning): { standing: Uint8Array; via: Uint8Array } {
  const standing = new Uint8Array(CRED_COUNT);
  const via = new Uint8Array(CRED_COUNT);
  for (const cred of profile.credentials) {
    const held = credentialIndex(cred.id);
    const base = cred.status === 'active' ? HELD : cred.status === 'eligible' ? ELIGIBLE : IN_PROGRESS;
    raise(standing, via, held, base, held);
    for (const rule of RULES_BY_HELD[held]!) {
      // A partial rule (CPC-A for CPC) only applies to a held credential; eligibility carries over only for full rules.
      const level = rule.acceptance === 'satisfied' ? base : base === HELD ? PARTIAL_HELD : NONE;
      raise(standing, via, credentialIndex(rule.asked), level, held);
    }
  }
  for (const id of Object.keys(ELIGIBILITY_GATES) as CredentialId[]) {
    if (passesGate(profile, id, nowMs, tuning)) raise(standing, via, credentialIndex(id), ELIGIBLE, VIA_EDUCATION);
  }
  return { standing, via };
}

function homeCoordinates(profile: CandidateProfile): { has: boolean; lat: number; lon: number } {
  const home = profile.home;
  if (!home || home.lat === null || home.lon === null) return { has: false, lat: 0, lon: 0 };
  return { has: true, lat: toRadians(home.lat), lon: toRadians(home.lon) };
}

export function prepareProfile(profile: CandidateProfile, opts: { now?: Date; tuning?: Partial<Tuning> } = {}): PreparedProfile {
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const nowMs = (opts.now ?? new Date()).getTime();
  const { standing, via } = credentialStanding(profile, nowMs, tuning);
  const completedEducation = profile.education.filter((entry) => entry.completed);
  const home = homeCoordinates(profile);
  return {
    profile,
    standing,
    via,
    highestRank: completedEducation.reduce((best, entry) => Math.max(best, educationRank(entry.level)), -1),
    completedEducation,
    experience: profile.experience.map((entry) => ({
      tags: new Set(areaTags(entry.area)), years: entry.years, generic: GENERIC_AREAS.has(entry.area),
    })),
    yearsCache: new Map(),
    hasHome: home.has,
    homeLat: home.lat,
    homeLon: home.lon,
    homeCos: Math.cos(home.lat),
    region: profile.home?.region?.toUpperCase() ?? null,
    payFloorAnnual: profile.payFloor ? annualize(profile.payFloor.amount, profile.payFloor.period) : NaN,
    desiredRoles: new Set(profile.desiredRoles),
    desiredFamilies: new Set(profile.desiredRoles.map((role) => ROLES[role].family)),
    skills: new Set(profile.skills.map((skill) => skill.trim().toLowerCase())),
    radiusMiles: profile.radiusMiles,
    employmentTypes: profile.employmentTypes,
    workModes: profile.workModes,
    alertThreshold: profile.alertThreshold,
    isGuardMember: profile.military.member
      && (profile.military.branch === 'air_national_guard' || profile.military.branch === 'army_national_guard'),
  };
}

/**
 * Years of experience that count toward a tag. Generic entries ("coding", "records") state a
 * family total, so they are compared with, not added to, the specific entries.
 */
export function yearsFor(p: PreparedProfile, tag: string): number {
  const cached = p.yearsCache.get(tag);
  if (cached !== undefined) return cached;
  let specific = 0;
  let generic = 0;
  for (const entry of p.experience) {
    if (!entry.tags.has(tag)) continue;
    if (entry.generic) generic = Math.max(generic, entry.years);
    else specific += entry.years;
  }
  const years = Math.max(specific, generic);
  p.yearsCache.set(tag, years);
  return years;
}
