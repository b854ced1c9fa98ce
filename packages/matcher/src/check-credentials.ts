// One check per credential group (hit-reference §1.5 acceptance, §1.6 "eligible" and
// "within N months" clauses).
import { credentialName, ruleFor } from './catalog.ts';
import { MET, PARTIAL, UNMET, emit } from './context.ts';
import type { Status } from './context.ts';
import type { PreparedGroup } from './prepare-listing.ts';
import { ELIGIBLE, HELD, IN_PROGRESS, NONE, PARTIAL_HELD, VIA_EDUCATION } from './prepare-profile.ts';
import type { PreparedProfile } from './prepare-profile.ts';
import type { Check } from './types.ts';

/** Index into the group's ids of the candidate's best standing, or -1 when it has none. */
function bestPosition(p: PreparedProfile, g: PreparedGroup): number {
  let best = -1;
  let bestLevel = NONE;
  for (let i = 0; i < g.ids.length; i++) {
    const level = p.standing[g.ids[i]!]!;
    if (level > bestLevel) {
      bestLevel = level;
      best = i;
    }
  }
  return best;
}

function statusFor(level: number, g: PreparedGroup): Status {
  if (level === HELD) return MET;
  if (level === PARTIAL_HELD) return PARTIAL;
  if (level === ELIGIBLE) return g.group.eligibleAccepted ? MET : g.group.withinMonths !== null ? PARTIAL : UNMET;
  if (level === IN_PROGRESS) return g.group.withinMonths !== null ? PARTIAL : UNMET;
  return UNMET;
}

export function checkGroup(p: PreparedProfile, g: PreparedGroup, required: boolean, out: Check[] | null): Status {
  const pos = bestPosition(p, g);
  const asked = pos < 0 ? -1 : g.ids[pos]!;
  const level = asked < 0 ? NONE : p.standing[asked]!;
  const status = statusFor(level, g);
  if (out) emit(out, 'credential', status, g.group.evidence, describe(p, g, asked, level, status), required);
  return status;
}

function describe(p: PreparedProfile, g: PreparedGroup, asked: number, level: number, status: Status): string {
  const quote = `'${g.label}'`;
  if (asked < 0) return `no ${g.group.anyOf.join('/')} shown for ${quote}`;
  const askedId = credentialName(asked);
  const from = p.via[asked]!;
  if (level === HELD) {
    const heldId = credentialName(from);
    const rule = from === asked ? undefined : ruleFor(asked, from);
    return `${heldId} meets ${quote}${rule ? ` (${rule.why})` : ''}`;
  }
  if (level === PARTIAL_HELD) {
    const rule = ruleFor(asked, from);
    return `${credentialName(from)} is partial for ${quote}${rule ? `: ${rule.why}` : ''}`;
  }
  const how = level === ELIGIBLE
    ? `${askedId}-eligible${from === VIA_EDUCATION ? ' by CAHIIM HIM/HIT degree' : ''}`
    : `${askedId} in progress`;
  if (status === MET) return `${how} meets ${quote}`;
  if (status === PARTIAL) return `${how}: must earn ${askedId} within ${g.group.withinMonths} months of hire`;
  return `${how}, but ${quote} asks for the credential itself`;
}
