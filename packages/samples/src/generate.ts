import { ROLE_IDS, type RoleId } from '@himatch/core';
import { createRng, deriveSeed, type Rng } from './prng.ts';
import { CITIES, type City } from './cities.ts';
import { ANG_EMPLOYER, PRIVATE_EMPLOYERS, VA_EMPLOYER, type Employer } from './employers.ts';
import { ROLE_SPECS_A, type CredentialBundle, type EducationOption, type PayBand, type RoleSpec } from './role-catalog.ts';
import { ROLE_SPECS_B } from './role-catalog-b.ts';
import { ANG_TITLES, GS_BASE, NEGATIVE_SPECS, VA_CLINICAL_HEALTH_TECH, VA_CREDENTIALS, VA_TITLES, type FederalTitle, type NegativeSpec } from './negative-catalog.ts';
import { renderDescription } from './description.ts';
import type { PostingTruth, SampleEmploymentType, SamplePosting, SampleSalary, SampleWorkMode, TruthFederal } from './types.ts';

export interface GenerateOptions {
  readonly seed: number;
  readonly count: number;
  /** Share of non-HIT postings, default 0.25. */
  readonly nonHitShare?: number;
  /** Reference "today" (ISO); posting dates fall in the 45 days before it. Default 2026-11-20. */
  readonly now?: string;
}

export const DEFAULT_NOW = '2026-11-20T12:00:00.000Z';
const DAY_MS = 86_400_000;
const SPECS = new Map<RoleId, RoleSpec>([...ROLE_SPECS_A, ...ROLE_SPECS_B].map((s) => [s.role, s]));
const US_STATES = [...new Set(CITIES.map((c) => c.region))];

/** Everything a posting is made of before rendering. */
interface Plan {
  readonly employer: Employer;
  readonly city: City;
  readonly title: string;
  readonly department: string;
  readonly duties: readonly string[];
  readonly education: EducationOption;
  readonly experienceOf: string;
  readonly truth: PostingTruth;
}

export function phraseSeedOf(id: string): number {
  return deriveSeed(0x5eed, id);
}

export function postingId(seed: number, index: number): string {
  return `s${seed.toString(36)}-${index.toString().padStart(4, '0')}`;
}

function pickWorkMode(rng: Rng, remoteShare: number): SampleWorkMode {
  const roll = rng.next();
  return roll < remoteShare ? 'remote' : roll < remoteShare + 0.15 ? 'hybrid' : 'onsite';
}

function pickRemoteRegions(rng: Rng, mode: SampleWorkMode, home: string): string[] {
  if (mode !== 'remote') return [];
  if (rng.chance(0.5)) return ['US'];
  const others = rng.sample(US_STATES.filter((s) => s !== home), rng.int(1, 2));
  return [home, ...others];
}

function pickEmployment(rng: Rng): SampleEmploymentType {
  const roll = rng.next();
  if (roll < 0.72) return 'full_time';
  if (roll < 0.82) return 'part_time';
  if (roll < 0.9) return 'per_diem';
  return roll < 0.98 ? 'contract' : 'temporary';
}

function pickSalary(rng: Rng, band: PayBand): SampleSalary | null {
  if (rng.chance(0.2)) return null;
  const upTo = rng.chance(0.1);
  if (band.hour && rng.chance(band.hourlyShare)) {
    const [lo, hi] = band.hour;
    const min = Math.round((lo + rng.next() * (hi - lo) * 0.5) * 4) / 4;
    const max = Math.round((min + 3 + rng.next() * 5) * 2) / 2;
    return { min: upTo ? null : min, max: upTo ? Math.round(max) : max, period: 'hour', currency: 'USD' };
  }
  const [lo, hi] = band.year;
  const min = Math.round((lo + rng.next() * (hi - lo) * 0.5) / 1000) * 1000;
  const max = min + rng.int(8, 20) * 1000;
  return { min: upTo ? null : min, max, period: 'year', currency: 'USD' };
}

function dates(rng: Rng, now: number, closeShare: number): { postedAt: string; closesAt: string | null } {
  const posted = now - rng.int(0, 45) * DAY_MS - rng.int(0, 10) * 3_600_000;
  const closes = rng.chance(closeShare) ? posted + rng.int(20, 60) * DAY_MS : null;
  return { postedAt: new Date(posted).toISOString(), closesAt: closes === null ? null : new Date(closes).toISOString() };
}

interface TruthParts {
  readonly isHit: boolean;
  readonly role: RoleId | null;
  readonly bundle: CredentialBundle;
  readonly education: EducationOption;
  readonly minYears: number | null;
  readonly salary: SampleSalary | null;
  readonly workMode: SampleWorkMode;
  readonly remoteRegions: readonly string[];
  readonly employmentType: SampleEmploymentType;
  readonly federal: TruthFederal | null;
}

function makeTruth(p: TruthParts): PostingTruth {
  return {
    isHit: p.isHit, role: p.role,
    requiredCredentials: p.bundle.required, preferredCredentials: p.bundle.preferred,
    minEducation: p.education.level, cahiimRequired: p.education.cahiim, experienceSubstitutes: p.education.substitutes,
    minYears: p.minYears, salary: p.salary, workMode: p.workMode, remoteRegions: p.remoteRegions,
    employmentType: p.employmentType, federal: p.federal, repostOf: null,
  };
}

type CommonSpec = Pick<RoleSpec, 'titles' | 'duties' | 'bundles' | 'education' | 'years' | 'experienceOf' | 'pay' | 'remoteShare'> & { readonly degreeField?: string };

function privatePlan(rng: Rng, spec: CommonSpec, role: RoleId | null, department: string, employer: Employer): Plan {
  const city = rng.pick(employer.cities);
  const workMode = pickWorkMode(rng, spec.remoteShare);
  const picked = rng.pick(spec.education);
  const education = 'degreeField' in spec ? { ...picked, field: spec.degreeField } : picked;
  const truth = makeTruth({
    isHit: role !== null, role, bundle: rng.pick(spec.bundles), education, minYears: rng.pick(spec.years),
    salary: pickSalary(rng, spec.pay), workMode, remoteRegions: pickRemoteRegions(rng, workMode, city.region),
    employmentType: pickEmployment(rng), federal: null,
  });
  const duties = rng.sample(spec.duties, rng.int(3, spec.duties.length));
  return { employer, city, title: rng.pick(spec.titles), department, duties, education, experienceOf: spec.experienceOf, truth };
}

function gsSalary(rng: Rng, grades: readonly [number, number]): SampleSalary {
  const locality = 1.16 + rng.next() * 0.18;
  const low = GS_BASE[grades[0]] ?? [40_000, 50_000];
  const high = GS_BASE[grades[1]] ?? low;
  return { min: Math.round(low[0] * locality), max: Math.round(high[1] * locality), period: 'year', currency: 'USD' };
}

function federalPlan(rng: Rng, spec: CommonSpec, role: RoleId | null, ft: FederalTitle, title32: boolean): Plan {
  const employer = title32 ? ANG_EMPLOYER : VA_EMPLOYER;
  const city = rng.pick(CITIES);
  const education: EducationOption = title32 || role === null ? { level: 'unknown', cahiim: false, substitutes: false } : { level: 'associate', cahiim: false, substitutes: true };
  const workMode: SampleWorkMode = !title32 && role?.startsWith('coder') && rng.chance(0.3) ? 'hybrid' : 'onsite';
  const federal: TruthFederal = { series: ft.series, payPlan: 'GS', gradeLow: ft.grades[0], gradeHigh: ft.grades[1], title32, militaryMembershipRequired: title32 };
  const bundle = (role && !title32 ? VA_CREDENTIALS[role] : undefined) ?? { required: [], preferred: [] };
  const truth = makeTruth({
    isHit: role !== null, role, bundle, education, minYears: title32 ? rng.pick(spec.years) : role !== null ? 1 : null, salary: gsSalary(rng, ft.grades),
    workMode, remoteRegions: [], employmentType: 'full_time', federal,
  });
  const duties = rng.sample(spec.duties, rng.int(3, spec.duties.length));
  return { employer, city, title: ft.title, department: title32 ? 'Medical Group' : 'Health Information Management', duties, education, experienceOf: spec.experienceOf, truth };
}

function hitPlan(rng: Rng, role: RoleId): Plan {
  const spec = SPECS.get(role);
  if (!spec) throw new Error(`no spec for role ${role}`);
  if (role === 'mil_health_admin_tech') return federalPlan(rng, spec, role, rng.pick(ANG_TITLES), true);
  const vaTitles = VA_TITLES[role];
  if (vaTitles && rng.chance(0.15)) return federalPlan(rng, spec, role, rng.pick(vaTitles), false);
  return privatePlan(rng, spec, role, rng.pick(spec.departments), rng.pick(PRIVATE_EMPLOYERS));
}

function negativeEmployer(rng: Rng, spec: NegativeSpec): Employer {
  const vendors = PRIVATE_EMPLOYERS.filter((e) => e.setting === 'vendor');
  return spec.kind === 'software_engineer' ? rng.pick(vendors) : rng.pick(PRIVATE_EMPLOYERS);
}

function negativePlan(rng: Rng): Plan {
  if (rng.chance(0.08)) {
    const clinical: CommonSpec = { ...NEGATIVE_SPECS[2] as NegativeSpec, duties: [
      'Performs visual acuity, tonometry and visual field testing before the ophthalmologist exam.',
      'Takes vital signs, instills eye drops and assists with minor procedures.',
      'Cleans and calibrates ophthalmic equipment.',
    ] };
    return federalPlan(rng, clinical, null, VA_CLINICAL_HEALTH_TECH, false);
  }
  const spec = rng.pick(NEGATIVE_SPECS);
  return privatePlan(rng, spec, null, spec.department, negativeEmployer(rng, spec));
}

function renderPlan(plan: Plan, id: string, rng: Rng, now: number): SamplePosting {
  const { postedAt, closesAt } = dates(rng, now, plan.truth.federal ? 1 : 0.35);
  const descriptionHtml = renderDescription({
    phraseSeed: phraseSeedOf(id), title: plan.title, employerBlurb: plan.employer.blurb, duties: plan.duties,
    education: plan.education, experienceOf: plan.experienceOf, city: plan.city.city, region: plan.city.region, truth: plan.truth,
  });
  const requisitionId = plan.truth.federal ? `VA-${rng.int(10, 26)}-${rng.int(100000, 999999)}` : `${plan.employer.reqPrefix}${rng.int(10000, 99999)}`;
  return {
    id, employer: plan.employer.name, title: plan.title, descriptionHtml,
    city: plan.city.city, region: plan.city.region, postalCode: plan.city.postalCode, lat: plan.city.lat, lon: plan.city.lon,
    workMode: plan.truth.workMode, remoteRegions: plan.truth.remoteRegions, employmentType: plan.truth.employmentType,
    salary: plan.truth.salary, postedAt, updatedAt: postedAt, closesAt, requisitionId, department: plan.department, truth: plan.truth,
  };
}

/** Deterministic for a seed: the same options always give the same postings. */
export function generatePostings(options: GenerateOptions): SamplePosting[] {
  const { seed, count } = options;
  const now = Date.parse(options.now ?? DEFAULT_NOW);
  const order = createRng(deriveSeed(seed, 'order'));
  const nonHit = Math.round(count * (options.nonHitShare ?? 0.25));
  // Round-robin over shuffled role lists so every role appears once count allows it.
  const roles: RoleId[] = [];
  while (roles.length < count - nonHit) roles.push(...order.sample(ROLE_IDS, ROLE_IDS.length));
  const slots = order.sample([...roles.slice(0, count - nonHit), ...Array<null>(nonHit).fill(null)], count);
  return slots.map((role, index) => {
    const id = postingId(seed, index);
    const rng = createRng(deriveSeed(seed, id));
    const plan = role === null ? negativePlan(rng) : hitPlan(rng, role);
    return renderPlan(plan, id, rng, now);
  });
}
