import { CODING_FAMILY, type CredentialId } from '@himatch/core';
import type { Rng } from './prng.ts';
import { STATE_NAMES } from './cities.ts';
import type { SampleEmploymentType, SampleSalary, TruthCredentialGroup } from './types.ts';
import type { EducationOption } from './role-catalog.ts';

// Renders truth into the varied wording real postings use (hit-reference §1.6, §2.2).
// Every function draws a fixed number of random values so re-rendering a mutated
// posting with the same stream changes only the mutated parts.

const DOTTED: Partial<Record<CredentialId, string>> = { RHIT: 'R.H.I.T.', RHIA: 'R.H.I.A.', CCS: 'C.C.S.' };

function credentialName(id: CredentialId, rng: Rng): string {
  const roll = rng.next();
  if (id === 'ODS-C') return roll < 0.4 ? 'CTR (ODS-C)' : roll < 0.7 ? 'ODS-C (formerly CTR)' : 'ODS-C';
  if (id === 'RN') return 'RN license';
  const dotted = DOTTED[id];
  return dotted && roll < 0.2 ? dotted : id;
}

function joinOr(parts: readonly string[], rng: Rng): string {
  const style = rng.next();
  if (parts.length === 1) return parts[0] as string;
  if (parts.length === 2) return style < 0.8 ? `${parts[0]} or ${parts[1]}` : `${parts[0]}/${parts[1]}`;
  const head = parts.slice(0, -1).join(', ');
  return style < 0.5 ? `${head}, or ${parts.at(-1)}` : `${head} or ${parts.at(-1)}`;
}

export function isCodingFamily(group: TruthCredentialGroup): boolean {
  return group.anyOf.length === CODING_FAMILY.length && CODING_FAMILY.every((id) => group.anyOf.includes(id));
}

function monthsText(months: number, rng: Rng): string {
  const roll = rng.next();
  if (months === 12 && roll < 0.5) return 'within one year of hire';
  return `within ${months} months of hire`;
}

function groupSubject(group: TruthCredentialGroup, rng: Rng): string {
  if (isCodingFamily(group)) {
    return rng.pick(['AHIMA or AAPC coding credential', 'active coding certification through AHIMA or AAPC', 'nationally recognized coding credential (AHIMA or AAPC)']);
  }
  if (group.anyOf.length === 2 && group.anyOf.includes('CPC') && group.anyOf.includes('CPC-A')) {
    return rng.chance(0.5) ? 'CPC (CPC-A accepted)' : 'CPC or CPC-A';
  }
  const names = group.anyOf.map((id) => credentialName(id, rng));
  let subject = joinOr(names, rng);
  if (group.eligibleAccepted) {
    const only = group.anyOf[0] === 'ODS-C' ? 'CTR' : group.anyOf[0];
    subject = rng.chance(0.5) ? `${subject} or ${only}-eligible` : `${subject} (${only}-eligible candidates considered)`;
  }
  return subject;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function renderCredentialGroup(group: TruthCredentialGroup, required: boolean, rng: Rng): string {
  return capitalize(renderGroupSentence(group, required, rng));
}

function renderGroupSentence(group: TruthCredentialGroup, required: boolean, rng: Rng): string {
  const subject = groupSubject(group, rng);
  const roll = rng.next();
  if (group.withinMonths !== null) {
    const within = monthsText(group.withinMonths, rng);
    return roll < 0.5 ? `${subject} required ${within}` : `Must obtain ${subject} ${within}`;
  }
  if (required) return roll < 0.5 ? `${subject} required` : roll < 0.8 ? `Current ${subject} in good standing` : `Must hold ${subject}`;
  return roll < 0.6 ? `${subject} preferred` : `${subject} a plus`;
}

export function renderEducation(option: EducationOption, rng: Rng): string | null {
  const roll = rng.next();
  const orExp = option.substitutes ? rng.pick([' or equivalent experience', ', or equivalent combination of education and experience']) : '';
  switch (option.level) {
    case 'unknown': return null;
    case 'none': return null;
    case 'high_school': return roll < 0.5 ? 'High school diploma or GED required' : 'HS diploma or equivalent';
    case 'postsecondary_certificate': return `${roll < 0.5 ? 'Completion of an AHIMA-approved coding certificate program' : 'Coding certificate from an accredited program'}${orExp}`;
    case 'some_college': return 'At least 60 college credit hours including human anatomy and physiology';
    case 'associate': {
      if (option.field) return `Associate degree in ${option.field}${orExp}`;
      const field = roll < 0.5 ? 'associate degree in HIT' : 'Associate degree in Health Information Technology';
      const accredited = option.cahiim ? ' from a CAHIIM-accredited program' : '';
      return `${field}${accredited}${orExp}`.replace(/^a/, 'A');
    }
    case 'bachelor': {
      if (option.field) return `Bachelor's degree in ${option.field}${orExp}`;
      const accredited = option.cahiim ? ' from a CAHIIM-accredited program' : '';
      return `Bachelor's degree in Health Information Management, health informatics or related field${accredited}${orExp}`;
    }
    default: return `Master's degree in Health Information Management, health informatics or healthcare administration${orExp}`;
  }
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];

export function renderYears(years: number | null, of: string, rng: Rng): string | null {
  const roll = rng.next();
  if (years === null) return null;
  const unit = years === 1 ? 'year' : 'years';
  if (roll < 0.4) return `${years} ${unit} of ${of} experience`;
  if (roll < 0.7) return `Minimum of ${WORDS[years] ?? years} (${years}) ${unit} of ${of} experience`;
  return `${years}+ ${unit} of experience in ${of}`;
}

const money2 = (n: number): string => n.toFixed(2);
const thousands = (n: number): string => n.toLocaleString('en-US');

export function renderSalary(salary: SampleSalary, rng: Rng): string {
  const roll = rng.next();
  const { min, max } = salary;
  if (salary.period === 'hour') {
    if (min === null) return roll < 0.5 ? `up to $${Math.round(max)}/hour` : `Up to $${money2(max)} per hour`;
    if (roll < 0.4) return `$${money2(min)}–$${money2(max)}/hr`;
    if (roll < 0.75) return `$${money2(min)} - $${money2(max)} per hour`;
    return `$${money2(min)} to $${money2(max)} hourly`;
  }
  if (min === null) return `up to $${thousands(max)} per year`;
  if (roll < 0.4) return `$${thousands(min)} - $${thousands(max)} per year`;
  // "$54k" only when it is exact: federal pay in whole dollars would not match its truth.
  if (roll < 0.7 && min % 1000 === 0 && max % 1000 === 0) return `$${min / 1000}k–$${max / 1000}k`;
  return `$${thousands(min)}.00 to $${thousands(max)}.00 annually`;
}

export function renderRemote(regions: readonly string[], rng: Rng): string {
  const roll = rng.next();
  if (regions.length === 1 && regions[0] === 'US') {
    return roll < 0.5 ? '100% remote (United States)' : 'Remote — open to candidates anywhere in the US';
  }
  if (roll < 0.6) return `Remote – must reside in ${joinOr(regions, rng)}`;
  return `This is a fully remote position; you must live in ${joinOr(regions.map((r) => STATE_NAMES[r] ?? r), rng)}.`;
}

export function renderHybrid(city: string, region: string, rng: Rng): string {
  return rng.chance(0.5)
    ? `Hybrid: 3 days on site in ${city}, ${region}, 2 days remote`
    : `Hybrid schedule — on site at our ${city} office two days a week`;
}

export function renderOnsite(city: string, region: string, rng: Rng): string {
  return rng.chance(0.5) ? `On site at our ${city}, ${region} campus` : `This position works on-site in ${city}, ${region}.`;
}

export function renderEmployment(type: SampleEmploymentType, rng: Rng): string {
  const roll = rng.next();
  switch (type) {
    case 'full_time': return roll < 0.5 ? 'Full-time, 40 hours per week' : 'Full Time';
    case 'part_time': return roll < 0.5 ? 'Part-time (24 hours per week)' : 'Part Time';
    case 'per_diem': return roll < 0.5 ? 'PRN / per diem' : 'Per Diem (PRN)';
    case 'contract': return roll < 0.5 ? 'Contract assignment (13 weeks)' : 'Contract';
    default: return 'Temporary (90 days)';
  }
}
