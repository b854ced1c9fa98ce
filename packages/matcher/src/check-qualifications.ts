// Education (hit-reference §2.3 ordering, field and CAHIIM qualifiers, experience in place
// of a degree) and years of experience of the stated kind.
import { EDUCATION_LEVELS } from '@himatch/core';
import type { EducationEntry } from '@himatch/core';
import { tagLabel } from './catalog.ts';
import { MET, PARTIAL, UNKNOWN, UNMET, emit } from './context.ts';
import type { EvalContext, Status } from './context.ts';
import type { PreparedListing } from './prepare-listing.ts';
import { yearsFor } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { Check } from './types.ts';

const ASSOCIATE_RANK = EDUCATION_LEVELS.indexOf('associate');
/** Fields a posting's "or related field" accepts. */
const RELATED_FIELDS = new Set(['him', 'hit', 'health_informatics', 'coding', 'cancer_registry', 'related']);

/** Degree steps: anything below an associate is one step, then associate, bachelor, master, doctorate. */
function degreeStep(rank: number): number {
  return rank < ASSOCIATE_RANK ? 0 : rank - ASSOCIATE_RANK + 1;
}

function fieldFits(l: PreparedListing, entry: EducationEntry): boolean {
  if (l.eduFields.size === 0 || l.eduFields.has(entry.field)) return true;
  return l.eduFields.has('related') && RELATED_FIELDS.has(entry.field);
}

/** Best completed entry at or above the minimum: 0 full fit, 1 wrong field, 2 not CAHIIM, 3 none. */
function degreeFit(p: PreparedProfile, l: PreparedListing, min: number, cahiim: boolean): number {
  let best = 3;
  for (const entry of p.completedEducation) {
    if (EDUCATION_LEVELS.indexOf(entry.level) < min) continue;
    const fit = cahiim && !entry.cahiimAccredited ? 2 : fieldFits(l, entry) ? 0 : 1;
    if (fit < best) best = fit;
  }
  return best;
}

function substitutionYears(p: PreparedProfile, l: PreparedListing): number {
  let years = 0;
  for (const tag of l.expTags) years = Math.max(years, yearsFor(p, tag));
  return years;
}

export function checkEducation(p: PreparedProfile, l: PreparedListing, ctx: EvalContext, out: Check[] | null): Status | -1 {
  const min = l.eduMinRank;
  if (min === -2) return -1;
  const edu = l.listing.education;
  if (min === -1) {
    if (out) emit(out, 'education', UNKNOWN, null, 'posting does not state a degree level', true);
    return UNKNOWN;
  }
  const fit = degreeFit(p, l, min, edu.cahiimRequired);
  let status: Status = fit === 0 ? MET : fit === 1 ? PARTIAL : UNMET;
  let substituted = false;
  if (status !== MET && edu.experienceSubstitutes) {
    const missing = Math.max(1, degreeStep(min) - degreeStep(Math.max(p.highestRank, 0)));
    if (substitutionYears(p, l) >= missing * ctx.tuning.yearsPerMissingDegreeLevel) {
      status = MET;
      substituted = true;
    }
  }
  if (out) emit(out, 'education', status, null, describeEducation(p, min, fit, substituted, edu.cahiimRequired), true);
  return status;
}

function describeEducation(p: PreparedProfile, min: number, fit: number, substituted: boolean, cahiim: boolean): string {
  const asked = `${EDUCATION_LEVELS[min]!.replace(/_/g, ' ')}${cahiim ? ' (CAHIIM)' : ''}`;
  const held = p.highestRank < 0 ? 'no completed education shown' : `${EDUCATION_LEVELS[p.highestRank]!.replace(/_/g, ' ')} held`;
  if (substituted) return `experience in place of degree (${asked} asked, ${held})`;
  if (fit === 0) return `${held}; meets ${asked}`;
  if (fit === 1) return `${held}, field differs from the posting's`;
  if (fit === 2) return `${held}, not from a CAHIIM-accredited program`;
  return `${asked} asked; ${held}`;
}

export function checkExperience(p: PreparedProfile, l: PreparedListing, ctx: EvalContext, out: Check[] | null): Status | -1 {
  const need = l.expMinYears;
  if (need <= 0) return -1;
  let years = 0;
  if (l.expTags.length === 0) {
    for (const entry of p.experience) years = Math.max(years, entry.years);
  } else {
    for (const tag of l.expTags) years = Math.max(years, yearsFor(p, tag));
  }
  const status: Status = years >= need ? MET : years >= need * ctx.tuning.experienceCloseRatio ? PARTIAL : UNMET;
  if (out) {
    const kind = l.expTags.map(tagLabel).join(' or ') || 'experience';
    const detail = `${round(Math.min(years, need))} of ${round(need)} years ${kind}${status === PARTIAL ? ' (close)' : ''}`;
    emit(out, 'experience', status, null, detail, true);
  }
  return status;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
