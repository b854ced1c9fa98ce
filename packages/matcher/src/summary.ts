// One-line summary: the checks that decided the tier, most important first.
import type { Check, Eligibility } from './types.ts';

const LABELS: Readonly<Record<Eligibility, string>> = { eligible: 'Eligible', conditional: 'Conditional', ineligible: 'Ineligible' };
const DECIDING: Readonly<Record<Eligibility, Check['status']>> = { eligible: 'met', conditional: 'partial', ineligible: 'unmet' };
const PRIORITY = ['credential', 'experience', 'military', 'who_may_apply', 'education', 'location'];
const MAX_PARTS = 4;

export function summarize(eligibility: Eligibility, checks: readonly Check[]): string {
  const wanted = DECIDING[eligibility];
  const deciding = checks
    .filter((c) => c.required && c.status === wanted)
    .sort((a, b) => PRIORITY.indexOf(a.requirement) - PRIORITY.indexOf(b.requirement));
  // An eligible line always ends with the place when there is one; it is what people scan for.
  const place = eligibility === 'eligible' ? deciding.find((c) => c.requirement === 'location') : undefined;
  const parts = deciding.filter((c) => c !== place).slice(0, place ? MAX_PARTS - 1 : MAX_PARTS);
  if (place) parts.push(place);
  const text = parts.map((c) => c.detail).join('; ');
  return text ? `${LABELS[eligibility]}: ${text}` : `${LABELS[eligibility]}: no stated requirements`;
}
