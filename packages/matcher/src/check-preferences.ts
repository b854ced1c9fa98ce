// Preferences: pay floor, employment type and work mode. An unmet preference lowers the fit
// but never makes a listing ineligible.
import { MET, PARTIAL, UNKNOWN, UNMET, emit } from './context.ts';
import type { Status } from './context.ts';
import type { PreparedListing } from './prepare-listing.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { Check } from './types.ts';

function money(n: number): string {
  return `$${Math.round(n / 1000)}k`;
}

export function checkPay(p: PreparedProfile, l: PreparedListing, out: Check[] | null): Status {
  const floor = p.payFloorAnnual;
  let status: Status;
  if (Number.isNaN(floor)) status = MET;
  else if (Number.isNaN(l.annualMax)) status = UNKNOWN;
  else status = l.annualMin >= floor ? MET : l.annualMax >= floor ? PARTIAL : UNMET;
  if (out) {
    const range = Number.isNaN(l.annualMax) ? 'pay not stated'
      : l.annualMin === l.annualMax ? `${money(l.annualMin)}/yr` : `${money(l.annualMin)}–${money(l.annualMax)}/yr`;
    const detail = Number.isNaN(floor) ? `no pay floor set (${range})`
      : status === UNKNOWN ? 'pay not stated'
        : `${range} vs floor ${money(floor)}${status === PARTIAL ? ' (range straddles the floor)' : ''}`;
    emit(out, 'pay', status, null, detail, false);
  }
  return status;
}

export function checkEmploymentType(p: PreparedProfile, l: PreparedListing, out: Check[] | null): Status {
  const wanted = p.employmentTypes;
  const type = l.employmentType;
  const status: Status = wanted.length === 0 ? MET : type === 'unknown' ? UNKNOWN : wanted.includes(type) ? MET : UNMET;
  if (out) {
    const label = type.replace(/_/g, ' ');
    const detail = wanted.length === 0 ? `${label}; no preference set` : status === UNKNOWN ? 'employment type not stated'
      : status === MET ? `${label} as preferred` : `${label}, not among ${wanted.join(', ').replace(/_/g, ' ')}`;
    emit(out, 'employment_type', status, null, detail, false);
  }
  return status;
}

export function checkWorkMode(p: PreparedProfile, l: PreparedListing, out: Check[] | null): Status {
  const mode = l.workMode;
  const status: Status = mode === 'unknown' ? UNKNOWN : p.workModes.includes(mode) ? MET : UNMET;
  if (out) {
    const detail = status === UNKNOWN ? 'work mode not stated'
      : status === MET ? `${mode} as preferred` : `${mode}, not among ${p.profile.workModes.join(', ')}`;
    emit(out, 'work_mode', status, null, detail, false);
  }
  return status;
}
