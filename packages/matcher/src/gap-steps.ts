// The career-ladder steps gap analysis tries, each with the rule for when it applies.
import { EDUCATION_LEVELS } from '@himatch/core';
import type { CandidateProfile, CredentialId, EducationEntry } from '@himatch/core';
import { credentialIndex } from './catalog.ts';
import type { EvalContext } from './context.ts';
import { ELIGIBLE, HELD, PARTIAL_HELD, passesGate, yearsFor } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';

export interface GapStep {
  readonly kind: 'credential' | 'degree';
  /** The changed profile and the step's label, or null when the step does not apply. */
  apply(base: PreparedProfile, ctx: EvalContext): { profile: CandidateProfile; label: string } | null;
}

/** AAPC removes the apprentice mark after 2 years of coding (hit-reference §1.3). */
const CPC_EXPERIENCE_YEARS = 2;
const BACHELOR_RANK = EDUCATION_LEVELS.indexOf('bachelor');

function withCredential(profile: CandidateProfile, id: CredentialId, drop: CredentialId | null = null): CandidateProfile {
  const kept = profile.credentials.filter((c) => c.id !== id && c.id !== drop);
  return { ...profile, credentials: [...kept, { id, status: 'active', date: null }] };
}

function withDegree(profile: CandidateProfile, entry: EducationEntry): CandidateProfile {
  return { ...profile, education: [...profile.education, entry] };
}

const standing = (p: PreparedProfile, id: CredentialId): number => p.standing[credentialIndex(id)]!;

/** A credential anyone may work toward: applies unless the candidate already holds it (or better). */
function earn(id: CredentialId, label: string = id): GapStep {
  return {
    kind: 'credential',
    apply: (p) => (standing(p, id) >= HELD ? null : { profile: withCredential(p.profile, id), label }),
  };
}

const cpc: GapStep = {
  kind: 'credential',
  apply: (p) => {
    if (standing(p, 'CPC') >= PARTIAL_HELD) return null;
    // Without 2 years of coding the exam yields CPC-A, which is what the candidate would hold.
    if (yearsFor(p, 'coding') >= CPC_EXPERIENCE_YEARS) return { profile: withCredential(p.profile, 'CPC'), label: 'CPC' };
    return { profile: withCredential(p.profile, 'CPC-A'), label: 'CPC (as CPC-A until 2 years of coding)' };
  },
};

const removeApprentice: GapStep = {
  kind: 'credential',
  apply: (p) => (standing(p, 'CPC') === PARTIAL_HELD && p.profile.credentials.some((c) => c.id === 'CPC-A' && c.status === 'active')
    ? { profile: withCredential(p.profile, 'CPC', 'CPC-A'), label: 'CPC-A → CPC (remove apprentice)' }
    : null),
};

const rhit: GapStep = {
  kind: 'credential',
  apply: (p) => (standing(p, 'RHIT') === ELIGIBLE ? { profile: withCredential(p.profile, 'RHIT'), label: 'RHIT' } : null),
};

const rhia: GapStep = {
  kind: 'credential',
  apply: (p) => (standing(p, 'RHIA') < HELD && (standing(p, 'RHIA') === ELIGIBLE || p.highestRank >= BACHELOR_RANK)
    ? { profile: withCredential(p.profile, 'RHIA'), label: 'RHIA' }
    : null),
};

const associateHit: GapStep = {
  kind: 'degree',
  apply: (p, ctx) => (passesGate(p.profile, 'RHIT', ctx.nowMs, ctx.tuning) || p.highestRank >= BACHELOR_RANK ? null : {
    profile: withDegree(p.profile, { level: 'associate', field: 'hit', cahiimAccredited: true, date: null, completed: true }),
    label: 'Associate degree in HIT (CAHIIM; makes RHIT-eligible)',
  }),
};

const bachelorHim: GapStep = {
  kind: 'degree',
  apply: (p) => (p.highestRank >= BACHELOR_RANK ? null : {
    profile: withDegree(p.profile, { level: 'bachelor', field: 'him', cahiimAccredited: true, date: null, completed: true }),
    label: 'Bachelor degree in HIM (CAHIIM; makes RHIA-eligible)',
  }),
};

export const GAP_STEPS: readonly GapStep[] = [
  earn('CCA'), earn('CCS'), earn('CCS-P'), cpc, removeApprentice, rhit, rhia,
  earn('CCDS', 'CCDS or CDIP'), earn('CRC'), earn('ODS-C'), earn('CHDA'), associateHit, bachelorHim,
];
