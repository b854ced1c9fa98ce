import { CODING_FAMILY, ROLES, isRoleId, type Listing, type RawPosting, type RawPostingInput, type RoleId } from '@himatch/core';
import { normalizePosting } from './normalize.ts';

// Scores the normalizer against hand labels (the fields of fixtures/real-postings/labels.jsonl).

export interface Label {
  file?: string;
  is_hit: boolean;
  role: string;
  acceptable_roles?: string[];
  required_credentials: string[];
  preferred_credentials: string[];
  min_degree: string;
  salary: { min: number | null; max: number | null; currency?: string; period: string | null } | null;
  remote: string;
  /** States a remote job accepts (['US'] = nationwide); scored only when present on a remote label. */
  remote_regions?: string[] | null;
  employment_type: string;
  degree_or_experience_substitution: boolean | null;
  min_years_experience: number | null;
}

const LABEL_ROLE: Record<string, RoleId | 'any_records' | 'any_coder' | null> = {
  outpatient_coder: 'coder_outpatient', inpatient_coder: 'coder_inpatient', profee_coder: 'coder_profee',
  risk_adjustment_coder: 'coder_risk_adjustment', release_of_information: 'roi_specialist',
  medical_records_technician: 'him_technician', him_technician: 'him_technician', him_supervisor_manager: 'him_manager',
  military_health_technician: 'mil_health_admin_tech', privacy_security: 'privacy_security_specialist',
  federal_medical_records: 'any_records', coding_generic: 'any_coder', other_non_hit: null,
};

function labelRole(id: string): RoleId | 'any_records' | 'any_coder' | null {
  if (id in LABEL_ROLE) return LABEL_ROLE[id]!;
  return isRoleId(id) ? id : null;
}

/** Every role the label accepts; "federal_medical_records" → HIM technician, "coding_generic" → the coding family. */
export function acceptedRoles(label: Label): Set<RoleId> {
  const out = new Set<RoleId>();
  for (const id of [label.role, ...(label.acceptable_roles ?? [])]) {
    const r = labelRole(id);
    if (r === 'any_records') out.add('him_technician');
    else if (r === 'any_coder') for (const role of Object.values(ROLES)) { if (role.family === 'coding') out.add(role.id); }
    else if (r) out.add(r);
  }
  return out;
}

/** Label credential tokens → canonical ids ("CCS|CPC" any-of, "ANY_CODING_CERT" the coding family). Unknown tokens are kept as-is so they count as misses. */
export function labelCredentialIds(tokens: string[]): Set<string> {
  const out = new Set<string>();
  for (const token of tokens) {
    for (const part of token.split('|')) {
      if (part === 'ANY_CODING_CERT') CODING_FAMILY.forEach((id) => out.add(id));
      else out.add(part === 'CTR' ? 'ODS-C' : part);
    }
  }
  return out;
}

const DEGREE: Record<string, string> = { certificate: 'postsecondary_certificate' };
const EMPLOYMENT: Record<string, string> = { prn: 'per_diem', per_diem: 'per_diem', fulltime: 'full_time', parttime: 'part_time' };

export interface Counts { tp: number; fp: number; fn: number }
export interface FieldScore { correct: number; total: number; accuracy: number }

export interface NormalizerScores {
  items: number;
  errors: number;
  isHit: Counts & { precision: number; recall: number; f1: number };
  role: FieldScore;
  requiredCredentials: Counts & { f1: number };
  preferredCredentials: Counts & { f1: number };
  minDegree: FieldScore;
  salary: FieldScore;
  workMode: FieldScore;
  remoteRegions: FieldScore;
  employmentType: FieldScore;
  substitution: FieldScore;
  minYears: FieldScore;
  misses: Array<{ file: string; field: string; expected: unknown; got: unknown }>;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
const f1 = (c: Counts) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
const field = (): FieldScore => ({ correct: 0, total: 0, accuracy: 1 });

function tally(score: FieldScore, ok: boolean): void {
  score.total++;
  if (ok) score.correct++;
}

function addSetCounts(c: Counts, predicted: Set<string>, expected: Set<string>): void {
  for (const id of predicted) if (expected.has(id)) c.tp++; else c.fp++;
  for (const id of expected) if (!predicted.has(id)) c.fn++;
}

const near = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) < 0.005);

/** Label period null means the posting did not say: only min and max must match then. */
function salaryMatches(label: Label['salary'], got: Listing['salary']): boolean {
  if (label === null) return got === null;
  if (got === null) return false;
  return near(label.min, got.min) && near(label.max, got.max) && (label.period === null || label.period === got.period);
}

/** Nationwide (['US']) matches an empty list; otherwise the same states in any order. */
function sameRegions(label: string[], got: string[]): boolean {
  const want = new Set(label.filter((r) => r !== 'US'));
  const have = new Set(got.filter((r) => r !== 'US'));
  return want.size === have.size && [...want].every((r) => have.has(r));
}

export function scoreNormalizer(items: ReadonlyArray<{ raw: RawPosting | RawPostingInput; label: Label }>): NormalizerScores {
  const s: NormalizerScores = {
    items: items.length, errors: 0, isHit: { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 }, role: field(),
    requiredCredentials: { tp: 0, fp: 0, fn: 0, f1: 1 }, preferredCredentials: { tp: 0, fp: 0, fn: 0, f1: 1 },
    minDegree: field(), salary: field(), workMode: field(), remoteRegions: field(), employmentType: field(), substitution: field(), minYears: field(), misses: [],
  };
  for (const { raw, label } of items) {
    const file = label.file ?? raw.title ?? '?';
    let l: Listing;
    try { l = normalizePosting(raw); } catch { s.errors++; continue; }
    const miss = (name: string, expected: unknown, got: unknown) => s.misses.push({ file, field: name, expected, got });
    if (l.isHit && label.is_hit) s.isHit.tp++;
    else if (l.isHit) { s.isHit.fp++; miss('isHit', false, true); } else if (label.is_hit) { s.isHit.fn++; miss('isHit', true, false); }
    if (label.is_hit) {
      const ok = l.role !== null && acceptedRoles(label).has(l.role);
      tally(s.role, ok);
      if (!ok) miss('role', label.role, l.role);
    }
    const req = new Set(l.credentials.required.flatMap((g) => g.anyOf));
    const pref = new Set(l.credentials.preferred.flatMap((g) => g.anyOf));
    const labelReq = labelCredentialIds(label.required_credentials);
    const labelPref = labelCredentialIds(label.preferred_credentials);
    addSetCounts(s.requiredCredentials, req, labelReq);
    addSetCounts(s.preferredCredentials, pref, labelPref);
    if ([...req].join() !== [...labelReq].join() && (req.size !== labelReq.size || [...req].some((x) => !labelReq.has(x)))) miss('requiredCredentials', [...labelReq], [...req]);
    if (pref.size !== labelPref.size || [...pref].some((x) => !labelPref.has(x))) miss('preferredCredentials', [...labelPref], [...pref]);
    check(s.minDegree, DEGREE[label.min_degree] ?? label.min_degree, l.education.minLevel, 'minDegree', miss);
    const salaryOk = salaryMatches(label.salary, l.salary);
    tally(s.salary, salaryOk);
    if (!salaryOk) miss('salary', label.salary, l.salary && { min: l.salary.min, max: l.salary.max, period: l.salary.period });
    check(s.workMode, label.remote, l.workMode, 'workMode', miss);
    if (label.remote === 'remote' && label.remote_regions) {
      const ok = sameRegions(label.remote_regions, l.remoteEligibleRegions);
      tally(s.remoteRegions, ok);
      if (!ok) miss('remoteRegions', label.remote_regions, l.remoteEligibleRegions);
    }
    check(s.employmentType, EMPLOYMENT[label.employment_type] ?? label.employment_type, l.employmentType, 'employmentType', miss);
    if (label.degree_or_experience_substitution !== null) check(s.substitution, label.degree_or_experience_substitution, l.education.experienceSubstitutes, 'substitution', miss);
    check(s.minYears, label.min_years_experience, l.experience.minYears, 'minYears', miss);
  }
  finish(s);
  return s;
}

function check(score: FieldScore, expected: unknown, got: unknown, name: string, miss: (n: string, e: unknown, g: unknown) => void): void {
  const ok = expected === got;
  tally(score, ok);
  if (!ok) miss(name, expected, got);
}

function finish(s: NormalizerScores): void {
  const h = s.isHit;
  h.precision = ratio(h.tp, h.tp + h.fp);
  h.recall = ratio(h.tp, h.tp + h.fn);
  h.f1 = f1(h);
  s.requiredCredentials.f1 = f1(s.requiredCredentials);
  s.preferredCredentials.f1 = f1(s.preferredCredentials);
  for (const k of ['role', 'minDegree', 'salary', 'workMode', 'remoteRegions', 'employmentType', 'substitution', 'minYears'] as const) s[k].accuracy = ratio(s[k].correct, s[k].total);
}

/** A markdown table of the scores, for READMEs and test output. */
export function formatScores(s: NormalizerScores): string {
  const rows: Array<[string, string]> = [
    ['isHit P / R / F1', `${s.isHit.precision} / ${s.isHit.recall} / ${s.isHit.f1}`],
    ['role accuracy (HIT items)', `${s.role.accuracy} (${s.role.correct}/${s.role.total})`],
    ['required credentials F1', `${s.requiredCredentials.f1} (tp ${s.requiredCredentials.tp}, fp ${s.requiredCredentials.fp}, fn ${s.requiredCredentials.fn})`],
    ['preferred credentials F1', `${s.preferredCredentials.f1} (tp ${s.preferredCredentials.tp}, fp ${s.preferredCredentials.fp}, fn ${s.preferredCredentials.fn})`],
    ['min degree accuracy', `${s.minDegree.accuracy} (${s.minDegree.correct}/${s.minDegree.total})`],
    ['salary exact', `${s.salary.accuracy} (${s.salary.correct}/${s.salary.total})`],
    ['work mode accuracy', `${s.workMode.accuracy} (${s.workMode.correct}/${s.workMode.total})`],
    ...(s.remoteRegions.total > 0 ? [['remote states accuracy', `${s.remoteRegions.accuracy} (${s.remoteRegions.correct}/${s.remoteRegions.total})`] as [string, string]] : []),
    ['employment type accuracy', `${s.employmentType.accuracy} (${s.employmentType.correct}/${s.employmentType.total})`],
    ['degree/experience substitution', `${s.substitution.accuracy} (${s.substitution.correct}/${s.substitution.total})`],
    ['min years accuracy', `${s.minYears.accuracy} (${s.minYears.correct}/${s.minYears.total})`],
  ];
  return ['| field | score |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

