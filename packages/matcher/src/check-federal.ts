// Title 32 military membership and the federal "who may apply" hiring paths.
import type { WhoMayApply } from '@himatch/core';
import { MET, PARTIAL, UNKNOWN, UNMET, emit } from './context.ts';
import type { Status } from './context.ts';
import type { PreparedListing } from './prepare-listing.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { Check } from './types.ts';

const BRANCH_NAMES = { air: 'Air National Guard', army: 'Army National Guard' } as const;

export function checkMilitary(p: PreparedProfile, l: PreparedListing, out: Check[] | null): Status | -1 {
  if (!l.militaryRequired) return -1;
  const { member, branch } = p.profile.military;
  let status: Status;
  if (!member) status = UNMET;
  else if (l.guardBranch === 'air') status = branch === 'air_national_guard' ? MET : UNMET;
  else if (l.guardBranch === 'army') status = branch === 'army_national_guard' ? MET : UNMET;
  else status = p.isGuardMember ? PARTIAL : UNMET;
  if (out) {
    const asked = l.guardBranch ? BRANCH_NAMES[l.guardBranch] : 'National Guard (component not stated)';
    const held = member ? branch.replace(/_/g, ' ') : 'no current membership shown';
    const detail = status === MET ? `${held} membership meets ${asked}`
      : status === PARTIAL ? `${held} membership; posting does not say which component`
        : `requires ${asked} membership; ${held}`;
    emit(out, 'military', status, l.listing.federal?.title32 ? 'Title 32 dual-status technician' : 'military membership required', detail, true);
  }
  return status;
}

function qualifiesFor(p: PreparedProfile, path: WhoMayApply): Status {
  switch (path) {
    case 'public': return MET;
    case 'federal_employees':
    case 'status_candidates':
    case 'agency_employees': return p.profile.federalEmployee ? MET : UNMET;
    case 'veterans': return p.profile.veteran ? MET : UNMET;
    case 'guard_members': return p.isGuardMember ? MET : UNMET;
    case 'other': return UNKNOWN;
    // The profile cannot show these, and nothing it does not show is credited.
    default: return UNMET;
  }
}

export function checkWhoMayApply(p: PreparedProfile, l: PreparedListing, out: Check[] | null): Status | -1 {
  const paths = l.whoMayApply;
  if (paths.length === 0) return -1;
  let status: Status = UNMET;
  for (const path of paths) {
    const s = qualifiesFor(p, path);
    if (s === MET) { status = MET; break; }
    if (s === UNKNOWN) status = UNKNOWN;
  }
  if (out) {
    const open = paths.join(', ').replace(/_/g, ' ');
    const detail = status === MET ? `open to ${open}; the profile qualifies`
      : status === UNKNOWN ? `open to ${open}; the profile cannot show whether it qualifies`
        : `open only to ${open}; the profile shows none of these`;
    emit(out, 'who_may_apply', status, `Who may apply: ${open}`, detail, true);
  }
  return status;
}
